namespace Jug.Cloud.Graph;

/// <summary>One argument of a task, as declared in the graph.</summary>
public abstract class TaskArgument
{
    private protected TaskArgument()
    {
    }

    /// <summary>The results and views this argument reads (empty for a plain value); a view indexed by another task's value needs that task too (<see cref="TaskReference.Sources"/>).</summary>
    public abstract IEnumerable<TaskReference> References { get; }
}

/// <summary>A plain value, hashed by content.</summary>
public sealed class ValueArgument : TaskArgument
{
    /// <summary>Creates a plain-value argument.</summary>
    public ValueArgument(object? value) => Value = value;

    /// <summary>The value passed to the method.</summary>
    public object? Value { get; }

    /// <inheritdoc />
    public override IEnumerable<TaskReference> References => [];
}

/// <summary>The result of another task, or a view into it (a tasklet).</summary>
public sealed class ReferenceArgument : TaskArgument
{
    /// <summary>Creates an argument that takes another task's result.</summary>
    public ReferenceArgument(TaskReference reference) => Reference = reference;

    /// <summary>Where the value comes from.</summary>
    public TaskReference Reference { get; }

    /// <inheritdoc />
    public override IEnumerable<TaskReference> References => [Reference];
}

/// <summary>How a list of results is handed to the method.</summary>
public enum ListShape
{
    /// <summary>An array <c>T[]</c> (also given where the parameter is <c>IReadOnlyList&lt;T&gt;</c>).</summary>
    Array,

    /// <summary>A <c>List&lt;T&gt;</c>.</summary>
    List,
}

/// <summary>A list of results of other tasks; the method receives the values in order.</summary>
public sealed class ReferenceListArgument : TaskArgument
{
    /// <summary>Creates a list-of-results argument.</summary>
    public ReferenceListArgument(IReadOnlyList<TaskReference> items, Type elementType, ListShape shape)
    {
        Items = items;
        ElementType = elementType;
        Shape = shape;
    }

    /// <summary>The results, in order.</summary>
    public IReadOnlyList<TaskReference> Items { get; }

    /// <summary>The element type the method receives.</summary>
    public Type ElementType { get; }

    /// <summary>The collection type the method receives.</summary>
    public ListShape Shape { get; }

    /// <inheritdoc />
    public override IEnumerable<TaskReference> References => Items;
}
