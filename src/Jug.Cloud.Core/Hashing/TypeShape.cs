using System.Collections.Concurrent;
using System.Reflection;
using System.Text;

namespace Jug.Cloud.Hashing;

/// <summary>What the hasher needs to know about a type, worked out once per type.</summary>
internal sealed class TypeShape
{
    private static readonly ConcurrentDictionary<Type, TypeShape> Cache = new();

    private TypeShape(Type type)
    {
        ElementType = FindElementType(type);
        IsSet = type.GetInterfaces().Any(i => i.IsGenericType &&
            (i.GetGenericTypeDefinition() == typeof(ISet<>) || i.GetGenericTypeDefinition() == typeof(IReadOnlySet<>)));
        Members = type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0)
            .Select(p => new Member(p.Name, p.GetValue))
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => new Member(f.Name, f.GetValue)))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToArray();
        StableName = BuildStableName(type);
    }

    /// <summary>The element type of a generic sequence, or null.</summary>
    public Type? ElementType { get; }

    /// <summary>True for <c>ISet&lt;T&gt;</c> and <c>IReadOnlySet&lt;T&gt;</c>: hashed without order.</summary>
    public bool IsSet { get; }

    /// <summary>Public instance properties and fields, sorted by name (ordinal).</summary>
    public Member[] Members { get; }

    /// <summary>The type's name without assembly versions: <c>Ns.Type`1[Ns.Arg]</c>.</summary>
    public string StableName { get; }

    public static TypeShape Of(Type type) => Cache.GetOrAdd(type, static t => new TypeShape(t));

    private static Type? FindElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    private static string BuildStableName(Type type)
    {
        if (type.IsArray)
        {
            return BuildStableName(type.GetElementType()!) + "[]";
        }

        var name = new StringBuilder();
        if (type.IsNested)
        {
            name.Append(BuildStableName(type.DeclaringType!)).Append('.');
        }
        else if (!string.IsNullOrEmpty(type.Namespace))
        {
            name.Append(type.Namespace).Append('.');
        }

        name.Append(type.Name);
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            name.Append('[').AppendJoin(',', type.GetGenericArguments().Select(BuildStableName)).Append(']');
        }

        return name.ToString();
    }

    /// <summary>A readable member: its name and how to read it.</summary>
    internal sealed record Member(string Name, Func<object?, object?> Read);
}
