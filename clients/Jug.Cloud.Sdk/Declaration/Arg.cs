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

    /// <summary>
    /// A compound builder's argument: a handle is taken as a reference (hashed by its task's hash, as
    /// Jug hashes a task argument), a collection of handles as a list of references (hashed as a task's
    /// list of handles), anything else as a plain value.
    /// </summary>
    public static TaskArgument CompoundInput<T>(T value) => value switch
    {
        JugHandle handle => new ReferenceArgument(handle.Reference),
        IEnumerable<JugHandle> handles => HandleList(handles, typeof(T)),
        _ => new ValueArgument(value),
    };

    public static TaskArgument Ref<T>(Handle<T> handle) =>
        new ReferenceArgument((handle ?? throw new JugDeclarationException("A task handle argument is null.")).Reference);

    private static ReferenceListArgument HandleList(IEnumerable<JugHandle> handles, Type declared)
    {
        var references = new List<TaskReference>();
        foreach (var handle in handles)
        {
            references.Add((handle ?? throw new JugDeclarationException("A list of task handles contains null.")).Reference);
        }

        return new ReferenceListArgument(references, ValueTypeOfHandles(declared), ListShape.List);
    }

    /// <summary>The <c>T</c> of the <c>Handle&lt;T&gt;</c> items a collection type declares, or object.</summary>
    private static Type ValueTypeOfHandles(Type collection)
    {
        var item = collection.IsGenericType && collection.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? collection.GetGenericArguments()[0]
            : collection.GetInterfaces()
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?
                .GetGenericArguments()[0];
        for (var type = item; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Handle<>))
            {
                return type.GetGenericArguments()[0];
            }
        }

        return typeof(object);
    }

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
