using System.Reflection;
using System.Runtime.Loader;
using MessagePack;
using MessagePack.Resolvers;

namespace Jug.Cloud.Encoding;

/// <summary>
/// MessagePack settings for results: contractless (no attributes on user types, private setters
/// honoured), <c>DateTime</c> kept with its kind, and type names embedded only where a value is
/// declared as <c>object</c> (Typeless), resolved across every assembly load context.
/// </summary>
internal sealed class JugMessagePackOptions : MessagePackSerializerOptions
{
    public static readonly MessagePackSerializerOptions Instance =
        new JugMessagePackOptions(TypelessContractlessStandardResolver.Options)
            .WithOmitAssemblyVersion(true)
            .WithAllowAssemblyVersionMismatch(true)
            .WithSecurity(MessagePackSecurity.TrustedData);

    private JugMessagePackOptions(MessagePackSerializerOptions copyFrom)
        : base(copyFrom)
    {
    }

    /// <summary>
    /// Finds an embedded type name. Jugfiles are loaded into their own (collectible) load context,
    /// which <see cref="Type.GetType(string)"/> called from MessagePack does not see.
    /// </summary>
    public override Type? LoadType(string typeName) =>
        base.LoadType(typeName) ?? Type.GetType(typeName, FindLoadedAssembly, typeResolver: null, throwOnError: false);

    protected override MessagePackSerializerOptions Clone() => new JugMessagePackOptions(this);

    // The most recently loaded assembly wins: a reloaded jugfile's types replace the old ones.
    private static Assembly? FindLoadedAssembly(AssemblyName name) =>
        AssemblyLoadContext.All
            .SelectMany(context => context.Assemblies)
            .LastOrDefault(assembly => string.Equals(assembly.GetName().Name, name.Name, StringComparison.Ordinal));
}
