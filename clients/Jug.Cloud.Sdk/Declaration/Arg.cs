using Jug.Cloud.Graph;

namespace Jug.Cloud;

/// <summary>Turns what a <c>Task(...)</c> overload received into graph arguments.</summary>
internal static class Arg
{
    public static TaskArgument Value<T>(T value) => value is JugHandle handle
        ? throw new JugDeclarationException(
            $"A task handle ({handle}) was passed where the method takes a {typeof(T).Name}; " +
            "pass it to a parameter of the handle's result type.")
        : new ValueArgument(value);

    public static TaskArgument Ref<T>(Handle<T> handle) =>
        new ReferenceArgument((handle ?? throw new JugDeclarationException("A task handle argument is null.")).Reference);

    public static TaskArgument List<T>(IEnumerable<Handle<T>> handles, ListShape shape)
    {
        ArgumentNullException.ThrowIfNull(handles);
        var references = handles is IReadOnlyCollection<Handle<T>> sized ? new List<TaskReference>(sized.Count) : [];
        foreach (var handle in handles)
        {
            references.Add((handle ?? throw new JugDeclarationException("A list of task handles contains null.")).Reference);
        }

        return new ReferenceListArgument(references, typeof(T), shape);
    }
}
