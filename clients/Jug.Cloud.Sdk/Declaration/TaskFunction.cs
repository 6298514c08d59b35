using Jug.Cloud.Graph;
using Jug.Cloud.Hashing;

namespace Jug.Cloud;

/// <summary>
/// A task method passed as an argument to another task (the mapper of <see cref="MapReduce.MapReduceTasks"/>):
/// hashed by the method's task name, version and, if it opted in, its code digest — the same identity
/// a task of that method has.
/// </summary>
/// <typeparam name="TDelegate">The delegate type.</typeparam>
public sealed class TaskFunction<TDelegate> : ITaskFunction
    where TDelegate : Delegate
{
    private readonly TaskMethod _method;

    internal TaskFunction(TDelegate function)
    {
        _method = TaskMethod.For(function);
        Invoke = function;
    }

    /// <summary>The method to call.</summary>
    public TDelegate Invoke { get; }

    /// <inheritdoc />
    Delegate ITaskFunction.Function => Invoke;

    /// <summary>The task name of the method.</summary>
    public string Name => _method.Name;

    /// <inheritdoc />
    public void AppendHash(HashWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_method.Name);
        writer.Write(_method.Version);
        writer.Write(_method.CodeDigest?.ToString());
    }

    /// <inheritdoc />
    public override string ToString() => _method.Name;
}
