using System.Runtime.CompilerServices;
using System.Text;

namespace Jug.Cloud.Hashing;

/// <summary>Type names that are part of hashes: stable across builds, versions and machines.</summary>
internal static class TypeNames
{
    /// <summary>Anonymous types are numbered by the compiler in declaration order, so their names move when code is edited.</summary>
    public const string Anonymous = "<anonymous>";

    /// <summary>
    /// Namespace and name, nested types after their declaring type, generic arguments in brackets
    /// (<c>Ns.Outer.Inner`1[System.Int32]</c>); never the assembly or its version.
    /// </summary>
    public static string Of(Type type)
    {
        if (IsAnonymous(type))
        {
            return Anonymous;
        }

        if (type.IsArray)
        {
            return Of(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        var name = new StringBuilder();
        if (type.IsNested)
        {
            name.Append(Of(type.DeclaringType!)).Append('.');
        }
        else if (!string.IsNullOrEmpty(type.Namespace))
        {
            name.Append(type.Namespace).Append('.');
        }

        name.Append(type.Name);
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            name.Append('[').AppendJoin(',', type.GetGenericArguments().Select(Of)).Append(']');
        }

        return name.ToString();
    }

    private static bool IsAnonymous(Type type) =>
        type.Name.Contains("AnonymousType", StringComparison.Ordinal) && type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);
}
