using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Jug.Cloud.Graph;

/// <summary>One step of a tasklet's view into a result: an index or a named member.</summary>
/// <param name="Index">The element index, or -1 for a member step.</param>
/// <param name="Member">The field or property name, or null for an index step.</param>
public readonly record struct ResultPathStep(int Index, string? Member)
{
    /// <summary>A step that indexes an array, a list or a tuple position.</summary>
    public static ResultPathStep At(int index) => new(index, null);

    /// <summary>A step that reads a public field or property.</summary>
    public static ResultPathStep Field(string name) => new(-1, name);

    /// <inheritdoc />
    public override string ToString() => Member is null ? $"[{Index}]" : "." + Member;
}

/// <summary>Applies tasklet paths to decoded results.</summary>
public static class ResultPath
{
    private static readonly ConcurrentDictionary<(Type, string), Func<object?, object?>> Accessors = new();

    /// <summary>Follows <paramref name="path"/> from <paramref name="value"/>.</summary>
    public static object? Apply(object? value, IReadOnlyList<ResultPathStep> path)
    {
        foreach (var step in path)
        {
            value = Apply(value, step);
        }

        return value;
    }

    /// <summary>Renders a path as it would be written in C# (<c>[0].Name</c>).</summary>
    public static string Format(IReadOnlyList<ResultPathStep> path) => string.Concat(path.Select(p => p.ToString()));

    private static object? Apply(object? value, ResultPathStep step)
    {
        if (value is null)
        {
            throw new InvalidOperationException($"Cannot take {step} of a null result.");
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
