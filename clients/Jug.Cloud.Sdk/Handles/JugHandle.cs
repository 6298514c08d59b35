using Jug.Cloud.Graph;

namespace Jug.Cloud;

/// <summary>
/// A value in the task graph that is not computed yet: the result of a task, or a view into one.
/// Pass it as an argument to another <c>Task(...)</c> call to make that task depend on it.
/// </summary>
public abstract class JugHandle : ITaskHandle
{
    private protected JugHandle(TaskReference reference) => Reference = reference;

    /// <summary>Where the value comes from in the graph.</summary>
    public TaskReference Reference { get; }

    /// <summary>The identity of this value.</summary>
    public TaskHash Hash => Reference.Hash;

    /// <summary>The task whose stored result holds this value.</summary>
    public TaskNode Task => Reference.Task;

    /// <inheritdoc />
    public override string ToString() => Reference.ToString();
}

/// <summary>A value of type <typeparamref name="T"/> that a task will compute.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public abstract class Handle<T> : JugHandle
{
    private protected Handle(TaskReference reference)
        : base(reference)
    {
    }
}

/// <summary>The result of one task: what <c>Jug.Task(...)</c> returns.</summary>
/// <typeparam name="T">The result type (the awaited type for async methods).</typeparam>
public sealed class TaskHandle<T> : Handle<T>
{
    internal TaskHandle(TaskNode node)
        : base(new TaskReference(node, [], node.Hash))
    {
    }
}

/// <summary>
/// A typed view into another task's result (Jug's Tasklet): an element, a tuple item or a member.
/// It is not stored; the worker reads the parent's result and follows the path.
/// </summary>
/// <typeparam name="T">The type of the viewed value.</typeparam>
public sealed class Tasklet<T> : Handle<T>
{
    internal Tasklet(TaskReference reference)
        : base(reference)
    {
    }
}
