using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Jug.Cloud.Client;

/// <summary>
/// The assemblies a plain jugfile is compiled against: the framework this process runs on and the SDK
/// assemblies it carries (<c>Jug.Cloud.Sdk</c> and what it references outside the framework). Each
/// set is read once per process.
/// </summary>
internal static class CompilerReferences
{
    /// <summary>
    /// Framework assemblies whose namespaces a jugfile uses most, and those the implicit usings name:
    /// with the SDK's own framework references, they are the first set a jugfile is compiled against.
    /// </summary>
    private static readonly string[] CommonFramework =
    [
        "System.Private.CoreLib", "System.Runtime", "netstandard", "System.Collections", "System.Collections.Concurrent",
        "System.Linq", "System.Console", "System.Net.Http", "System.Net.Primitives", "System.Threading", "System.Threading.Tasks",
        "System.Text.RegularExpressions", "System.Runtime.InteropServices", "System.Memory", "System.Runtime.Numerics",
        "System.ComponentModel.Primitives", "System.Diagnostics.Process", "System.IO.Compression", "System.Text.Json",
    ];

    private static readonly Lazy<ImmutableArray<MetadataReference>> CommonReferences = new(LoadCommon);
    private static readonly Lazy<ImmutableArray<MetadataReference>> AllReferences = new(LoadAll);
    private static readonly Lazy<IReadOnlyList<Assembly>> Sdk = new(FindSdkAssemblies);

    private static string FrameworkDirectory => Path.GetDirectoryName(typeof(object).Assembly.Location)!;

    /// <summary>The SDK and the framework assemblies it and most jugfiles need.</summary>
    public static ImmutableArray<MetadataReference> Common => CommonReferences.Value;

    /// <summary>The SDK and every framework assembly, as <c>Microsoft.NET.Sdk</c> references them.</summary>
    public static ImmutableArray<MetadataReference> All => AllReferences.Value;

    /// <summary>Jug.Cloud.Sdk and what it references outside the framework, transitively (found once per process).</summary>
    public static IReadOnlyList<Assembly> SdkAssemblies() => Sdk.Value;

    private static List<Assembly> FindSdkAssemblies()
    {
        var found = new List<Assembly>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<Assembly>([typeof(Jug).Assembly]);
        while (pending.TryDequeue(out var assembly))
        {
            if (!seen.Add(assembly.GetName().Name!) || string.IsNullOrEmpty(assembly.Location) || IsFramework(assembly))
            {
                continue;
            }

            found.Add(assembly);
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (!seen.Contains(reference.Name!) && TryLoad(reference) is { } loaded)
                {
                    pending.Enqueue(loaded);
                }
            }
        }

        return found;
    }

    private static ImmutableArray<MetadataReference> LoadCommon()
    {
        var names = new HashSet<string>(CommonFramework, StringComparer.OrdinalIgnoreCase);
        var sdk = SdkAssemblies();
        foreach (var reference in sdk.SelectMany(a => a.GetReferencedAssemblies()))
        {
            names.Add(reference.Name!);
        }

        var files = names
            .Select(name => Path.Combine(FrameworkDirectory, name + ".dll"))
            .Where(File.Exists)
            .Concat(sdk.Select(a => a.Location));
        return [.. files.Select(file => MetadataReference.CreateFromFile(file))];
    }

    private static ImmutableArray<MetadataReference> LoadAll()
    {
        var framework = Directory.EnumerateFiles(FrameworkDirectory, "*.dll").Where(IsManaged);
        return [.. framework.Concat(SdkAssemblies().Select(a => a.Location)).Select(file => MetadataReference.CreateFromFile(file))];
    }

    private static bool IsFramework(Assembly assembly) =>
        string.Equals(Path.GetDirectoryName(assembly.Location), FrameworkDirectory, StringComparison.Ordinal);

    private static Assembly? TryLoad(AssemblyName name)
    {
        try
        {
            return Assembly.Load(name);
        }
        catch (FileNotFoundException)
        {
            return null; // referenced but never needed at run time; the compiler reports it if the jugfile needs it
        }
    }

    private static bool IsManaged(string file)
    {
        try
        {
            AssemblyName.GetAssemblyName(file);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
