using System.Reflection;
using System.Runtime.Loader;

namespace Jug.Cloud.Client;

/// <summary>
/// Loads a built jugfile in its own collectible context. Assemblies the host has (Jug.Cloud.*, the
/// framework, and anything beside the host) come from the host, so SDK types are the same types on
/// both sides; the jugfile's own dependencies come from its build output.
/// </summary>
internal sealed class JugfileLoadContext(string assemblyPath)
    : AssemblyLoadContext($"jugfile:{Path.GetFileName(assemblyPath)}", isCollectible: true)
{
    private readonly AssemblyDependencyResolver _resolver = new(assemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private static bool IsShared(AssemblyName name) =>
        name.Name is { } simple
        && (simple.StartsWith("Jug.Cloud", StringComparison.Ordinal)
            || Default.Assemblies.Any(a => a.GetName().Name == simple)
            || File.Exists(Path.Combine(AppContext.BaseDirectory, simple + ".dll")));
}
