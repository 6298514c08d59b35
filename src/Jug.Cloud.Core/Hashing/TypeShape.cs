using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Jug.Cloud.Hashing;

/// <summary>How values of a type are hashed.</summary>
internal enum ShapeKind
{
    Object,
    Custom,
    Tuple,
    Map,
    Set,
    Sequence,
    PrimitiveSequence,
    MultiArray,
    Unhashable,
}

/// <summary>What the hasher needs to know about a type, worked out once per type and cached.</summary>
internal sealed class TypeShape
{
    private static readonly ConcurrentDictionary<Type, TypeShape> Cache = new();

    private TypeShape(Type type)
    {
        StableName = TypeNames.Of(type);
        ElementType = FindElementType(type);
        Members = [];
        Kind = Classify(type);
        if (Kind == ShapeKind.PrimitiveSequence)
        {
            WritePrimitives = PrimitiveHashing.WriterFor(type, ElementType!);
        }
        else if (Kind == ShapeKind.Map && !typeof(IDictionary).IsAssignableFrom(type))
        {
            var entry = typeof(KeyValuePair<,>).MakeGenericType(FindMapInterface(type)!.GetGenericArguments());
            EntryKey = entry.GetProperty(nameof(KeyValuePair<int, int>.Key))!.GetValue;
            EntryValue = entry.GetProperty(nameof(KeyValuePair<int, int>.Value))!.GetValue;
        }
        else if (Kind == ShapeKind.Object)
        {
            Members = FindMembers(type);
            if (Members.Length == 0)
            {
                Kind = ShapeKind.Unhashable;
                UnhashableReason = "it has no public properties or fields, so nothing identifies one value from another; implement IJugHashable";
            }
        }
    }

    public ShapeKind Kind { get; }

    /// <summary>The type's name as hashed (see <see cref="TypeNames.Of"/>).</summary>
    public string StableName { get; }

    /// <summary>The element type of an array or generic sequence, or null.</summary>
    public Type? ElementType { get; }

    /// <summary>For <see cref="ShapeKind.Object"/>: public instance properties and fields, sorted by name (ordinal).</summary>
    public Member[] Members { get; }

    /// <summary>For <see cref="ShapeKind.PrimitiveSequence"/>: writes the sequence's body without boxing elements.</summary>
    public Action<HashWriter, object>? WritePrimitives { get; }

    /// <summary>For a generic dictionary that is not an <see cref="IDictionary"/>: reads a boxed entry's key.</summary>
    public Func<object?, object?>? EntryKey { get; }

    /// <summary>For a generic dictionary that is not an <see cref="IDictionary"/>: reads a boxed entry's value.</summary>
    public Func<object?, object?>? EntryValue { get; }

    /// <summary>For <see cref="ShapeKind.Unhashable"/>: why.</summary>
    public string? UnhashableReason { get; private set; }

    public static TypeShape Of(Type type) => Cache.GetOrAdd(type, static t => new TypeShape(t));

    private ShapeKind Classify(Type type)
    {
        if (typeof(IJugHashable).IsAssignableFrom(type))
        {
            return ShapeKind.Custom;
        }

        UnhashableReason = UnhashableTypes.Reason(type);
        if (UnhashableReason is not null)
        {
            return ShapeKind.Unhashable;
        }

        if (type.IsArray && !type.IsSZArray)
        {
            return ShapeKind.MultiArray;
        }

        if (typeof(ITuple).IsAssignableFrom(type))
        {
            return ShapeKind.Tuple;
        }

        if (typeof(IDictionary).IsAssignableFrom(type) || FindMapInterface(type) is not null)
        {
            return ShapeKind.Map;
        }

        if (Implements(type, typeof(ISet<>)) || Implements(type, typeof(IReadOnlySet<>)))
        {
            return ShapeKind.Set;
        }

        if (ElementType is not null && PrimitiveArrays.IsPrimitive(ElementType) && (typeof(IEnumerable).IsAssignableFrom(type) || IsMemory(type)))
        {
            return ShapeKind.PrimitiveSequence;
        }

        return typeof(IEnumerable).IsAssignableFrom(type) ? ShapeKind.Sequence : ShapeKind.Object;
    }

    private static Type? FindElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (IsMemory(type))
        {
            return type.GetGenericArguments()[0];
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    private static bool IsMemory(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Memory<>) || type.GetGenericTypeDefinition() == typeof(ReadOnlyMemory<>));

    private static Type? FindMapInterface(Type type) =>
        type.GetInterfaces().Prepend(type).FirstOrDefault(i => i.IsInterface && i.IsGenericType &&
            (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)));

    private static bool Implements(Type type, Type genericInterface) =>
        type.GetInterfaces().Prepend(type).Any(i => i.IsInterface && i.IsGenericType && i.GetGenericTypeDefinition() == genericInterface);

    private static Member[] FindMembers(Type type)
    {
        var properties = type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && !p.PropertyType.IsByRefLike)
            .Select(p => new Member(p.Name, p.DeclaringType!, p.GetValue));
        var fields = type
            .GetFields(BindingFlags.Public | BindingFlags.Instance)
            .Select(f => new Member(f.Name, f.DeclaringType!, f.GetValue));

        // A member hidden with 'new' appears once per declaring type; the most derived one is what callers see.
        return properties.Concat(fields)
            .GroupBy(m => m.Name, StringComparer.Ordinal)
            .Select(g => g.Aggregate((a, b) => b.DeclaringType.IsSubclassOf(a.DeclaringType) ? b : a))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>A readable member: its name and how to read it.</summary>
    internal sealed record Member(string Name, Type DeclaringType, Func<object?, object?> Read);
}
