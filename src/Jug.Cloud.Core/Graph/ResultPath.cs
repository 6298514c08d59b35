using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Jug.Cloud.Graph;

/// <summary>
/// One step of a tasklet's view into a result: an index, a named member, an index that is another
/// task's value (<see cref="Key"/>), or a static method applied to the value (<see cref="Function"/>).
/// </summary>
/// <param name="Index">The element index, or -1 for the other steps.</param>
/// <param name="Member">The field or property name for a member step, the function's identity for a function step, null otherwise.</param>
public readonly record struct ResultPathStep(int Index, string? Member)
{
    // The key's reference or the function's method; null for constant indexes and members, so those
    // steps stay what they were.
    private readonly object? _operand;

    private ResultPathStep(string? member, object operand)
        : this(-1, member) => _operand = operand;

    /// <summary>For a step indexed by another task's value: where the index comes from; otherwise null.</summary>
    public TaskReference? Key => _operand as TaskReference;

    /// <summary>For a function step: the static method applied to the value; otherwise null.</summary>
    public MethodInfo? Function => _operand as MethodInfo;

    /// <summary>A step that indexes an array, a list or a tuple position.</summary>
    public static ResultPathStep At(int index) => new(index, null);

    /// <summary>A step that reads a public field or property.</summary>
    public static ResultPathStep Field(string name) => new(-1, name);

    /// <summary>A step that indexes a list, array, tuple or dictionary by the value of <paramref name="key"/>, read when the consumer runs.</summary>
    public static ResultPathStep AtValueOf(TaskReference key) => new(null, key ?? throw new ArgumentNullException(nameof(key)));

    /// <summary>A step that passes the value to the static one-parameter <paramref name="function"/>, whose identity is <paramref name="identity"/>.</summary>
    public static ResultPathStep Through(MethodInfo function, string identity)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentException.ThrowIfNullOrEmpty(identity);
        return new ResultPathStep(identity, function);
    }

    /// <inheritdoc />
    public override string ToString() =>
        Key is { } key ? $"[{key}]"
        : Function is not null ? $".Select({Member})"
        : Member is null ? $"[{Index}]"
        : "." + Member;
}

/// <summary>Applies tasklet paths to decoded results.</summary>
public static class ResultPath
{
    private static readonly ConcurrentDictionary<(Type, string), Func<object?, object?>> Accessors = new();
    private static readonly ConcurrentDictionary<MethodInfo, MethodInvoker> Functions = new();

    /// <summary>Follows <paramref name="path"/> from <paramref name="value"/>; a path with keys needs <see cref="Apply(object?, IReadOnlyList{ResultPathStep}, Func{TaskReference, object?})"/>.</summary>
    public static object? Apply(object? value, IReadOnlyList<ResultPathStep> path) => Apply(value, path, NoKeys);

    /// <summary>
    /// Follows <paramref name="path"/> from <paramref name="value"/>, reading the value of each key
    /// step's task through <paramref name="readKey"/>.
    /// </summary>
    public static object? Apply(object? value, IReadOnlyList<ResultPathStep> path, Func<TaskReference, object?> readKey)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(readKey);
        foreach (var step in path)
        {
            value = Apply(value, step, readKey);
        }

        return value;
    }

    /// <summary>Renders a path as it would be written in C# (<c>[0].Name</c>).</summary>
    public static string Format(IReadOnlyList<ResultPathStep> path) => string.Concat(path.Select(p => p.ToString()));

    private static object? NoKeys(TaskReference key) =>
        throw new InvalidOperationException($"The view is indexed by the value of {key}, which was not read.");

    private static object? Apply(object? value, ResultPathStep step, Func<TaskReference, object?> readKey)
    {
        if (step.Function is { } function)
        {
            // A function sees the value as it is, null included, as a task would.
            return Functions.GetOrAdd(function, MethodInvoker.Create).Invoke(null, value);
        }

        if (value is null)
        {
            throw new InvalidOperationException($"Cannot take {step} of a null result.");
        }

        if (step.Key is { } key)
        {
            return AtKey(value, readKey(key), key);
        }

        if (step.Member is null)
        {
            return value switch
            {
                IList list => list[step.Index],
                System.Runtime.CompilerServices.ITuple tuple => tuple[step.Index],
                _ => throw new InvalidOperationException($"Cannot index a {value.GetType().Name} result."),
            };
        }

        var accessor = Accessors.GetOrAdd((value.GetType(), step.Member), static key => CreateAccessor(key.Item1, key.Item2));
        return accessor(value);
    }

    private static object? AtKey(object value, object? key, TaskReference source) => value switch
    {
        IDictionary dictionary => key is not null && dictionary.Contains(key)
            ? dictionary[key]
            : throw new KeyNotFoundException($"The result has no entry for the key {key ?? "null"} (the value of {source})."),
        IList list => list[ToIndex(key, source)],
        System.Runtime.CompilerServices.ITuple tuple => tuple[ToIndex(key, source)],
        _ => throw new InvalidOperationException($"Cannot index a {value.GetType().Name} result by the value of {source}."),
    };

    private static int ToIndex(object? key, TaskReference source) => key switch
    {
        int i => i,
        long or short or byte or sbyte or ushort or uint or ulong => Convert.ToInt32(key, System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"The value of {source} ({key ?? "null"}) is not an integer index."),
    };

    private static Func<object?, object?> CreateAccessor(Type type, string member)
    {
        if (type.GetProperty(member, BindingFlags.Public | BindingFlags.Instance) is { } property)
        {
            return property.GetValue;
        }

        if (type.GetField(member, BindingFlags.Public | BindingFlags.Instance) is { } field)
        {
            return field.GetValue;
        }

        throw new InvalidOperationException($"A {type.Name} result has no public member '{member}'.");
    }
}
