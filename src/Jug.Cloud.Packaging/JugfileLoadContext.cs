using System.Reflection;
using System.Runtime.Loader;

namespace Jug.Cloud.Packaging;

/// <summary>
/// Loads a built jugfile in its own collectible context. Every assembly the host has loaded or can
/// load from its own directory (Jug.Cloud.Sdk and Jug.Cloud.Core above all, and the framework) comes
/// from the host, so SDK types are the same types on both sides; the jugfile's own dependencies come
/// from its build output through its <c>.deps.json</c>. A silo loads a run's bundle the same way.
/// </summary>
/// <param name="assemblyPath">The jugfile's built assembly.</param>
public sealed class JugfileLoadContext(string assemblyPath)
    : AssemblyLoadContext($"jugfile:{Path.GetFileName(assemblyPath)}", isCollectible: true)
{
    private readonly AssemblyDependencyResolver _resolver = new(assemblyPath);

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <inheritdoc />
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private static bool IsShared(AssemblyName name) =>
        name.Name is { } simple
        && (Default.Assemblies.Any(a => string.Equals(a.GetName().Name, simple, StringComparison.OrdinalIgnoreCase))
            || File.Exists(Path.Combine(AppContext.BaseDirectory, simple + ".dll")));
}
