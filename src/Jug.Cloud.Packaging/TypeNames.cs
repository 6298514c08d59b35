using System.Reflection;
using System.Runtime.Loader;

namespace Jug.Cloud.Packaging;

/// <summary>Types in a package: written once by assembly-qualified name, then by index.</summary>
internal sealed class TypeNames
{
    private readonly Dictionary<Type, int> _written = [];
    private readonly List<Type> _read = [];

    public void Write(BinaryWriter writer, Type type)
    {
        if (_written.TryGetValue(type, out var index))
        {
            writer.Write(index);
            return;
        }

        _written.Add(type, _written.Count);
        writer.Write(-1);
        writer.Write(type.AssemblyQualifiedName ?? throw new GraphPackageException($"Type {type} has no assembly-qualified name (a generic parameter?)."));
    }

    public Type Read(BinaryReader reader, AssemblyLoadContext context)
    {
        var index = reader.ReadInt32();
        if (index >= 0)
        {
            return index < _read.Count ? _read[index] : throw new GraphPackageException("The package refers to a type it never named.");
        }

        var name = reader.ReadString();
        var type = Type.GetType(name, context.LoadFromAssemblyName, null, throwOnError: false)
            ?? throw new GraphPackageException($"Type {name} is not in the bundle or on this silo.");
        _read.Add(type);
        return type;
    }
}

/// <summary>Methods in a package: declaring type, name, generic arguments and the definition's parameter types.</summary>
internal sealed class MethodNames
{
    private const BindingFlags AnyStatic = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private readonly Dictionary<MethodInfo, int> _written = [];
    private readonly List<MethodInfo> _read = [];

    public void Write(BinaryWriter writer, MethodInfo method, TypeNames types)
    {
        if (_written.TryGetValue(method, out var index))
        {
            writer.Write(index);
            return;
        }

        _written.Add(method, _written.Count);
        writer.Write(-1);
        types.Write(writer, method.DeclaringType!);
        writer.Write(method.Name);
        var generic = method.IsGenericMethod ? method.GetGenericArguments() : [];
        writer.Write(generic.Length);
        foreach (var argument in generic)
        {
            types.Write(writer, argument);
        }

        writer.Write(Signature(method.IsGenericMethod ? method.GetGenericMethodDefinition() : method));
    }

    public MethodInfo Read(BinaryReader reader, TypeNames types, AssemblyLoadContext context)
    {
        var index = reader.ReadInt32();
        if (index >= 0)
        {
            return index < _read.Count ? _read[index] : throw new GraphPackageException("The package refers to a method it never named.");
        }

        var type = types.Read(reader, context);
        var name = reader.ReadString();
        var generic = new Type[reader.ReadInt32()];
        for (var i = 0; i < generic.Length; i++)
        {
            generic[i] = types.Read(reader, context);
        }

        var signature = reader.ReadString();
        var definition = type.GetMethods(AnyStatic).FirstOrDefault(m =>
                m.Name == name
                && (m.IsGenericMethodDefinition ? m.GetGenericArguments().Length : 0) == generic.Length
                && Signature(m) == signature)
            ?? throw new GraphPackageException($"Method {type.FullName}.{name}({signature}) is not in the bundle (was the code changed?).");
        var method = generic.Length > 0 ? definition.MakeGenericMethod(generic) : definition;
        _read.Add(method);
        return method;
    }

    private static string Signature(MethodInfo method) =>
        string.Join(",", method.GetParameters().Select(p => p.ParameterType.ToString()));
}
