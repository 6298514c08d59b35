namespace Jug.Cloud.Client;

/// <summary>
/// Builds a jugfile and keeps the output in a cache directory named by the build's fingerprint
/// (<c>.jugcloud-build/&lt;name&gt;/&lt;fingerprint&gt;/</c> beside the jugfile), so an unchanged jugfile is
/// never built twice and a running process never sees its assemblies replaced. A plain jugfile is
/// compiled in process (<see cref="JugfileCompiler"/>); one with <c>#:</c> directives, or a
/// <c>.csproj</c>, is built by <c>dotnet build</c>.
/// </summary>
/// <remarks>
/// <c>dotnet build</c> writes to MSBuild's own output paths (no <c>-o</c>): an output directory that
/// changes from one build to the next makes MSBuild recompile every referenced project, the SDK included.
/// </remarks>
public static class JugfileBuilder
{
    private const string CompleteMarker = ".complete";
    private const string LockFile = ".lock";

    /// <summary>Builds if any input changed since the last build; returns the path of the built assembly.</summary>
    /// <exception cref="JugfileException">The build failed; <see cref="JugfileException.Details"/> holds the compiler errors.</exception>
    public static async Task<string> BuildAsync(JugfileSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var inProcess = CompilesInProcess(source);
        var bundle = BundleDirectory(source, inProcess);
        if (Cached(bundle) is { } cached)
        {
            return cached;
        }

        if (inProcess)
        {
            using (await BuildLock.AcquireAsync(Path.Combine(source.BuildDirectory, LockFile), cancellationToken))
            {
                return Cached(bundle) ?? Compile(source, bundle, cancellationToken);
            }
        }

        using (await BuildLock.AcquireAsync(BuildLock.MachineLockPath, cancellationToken))
        using (await BuildLock.AcquireAsync(Path.Combine(source.BuildDirectory, LockFile), cancellationToken))
        {
            if (Cached(bundle) is { } builtMeanwhile)
            {
                return builtMeanwhile;
            }

            var targetPath = await DotnetBuild.RunAsync(source, cancellationToken);
            return Publish(Path.GetDirectoryName(targetPath)!, Path.GetFileName(targetPath), bundle);
        }
    }

    /// <summary>True if a build of the jugfile's current inputs is cached: loading it compiles nothing.</summary>
    public static bool IsBuilt(JugfileSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Cached(BundleDirectory(source)) is not null;
    }

    /// <summary>Where the build for the jugfile's current inputs is (or would be) cached.</summary>
    internal static string BundleDirectory(JugfileSource source) => BundleDirectory(source, CompilesInProcess(source));

    private static string BundleDirectory(JugfileSource source, bool inProcess) =>
        Path.Combine(source.BuildDirectory, (inProcess ? JugfileCompiler.Fingerprint(source) : BuildInputs.Fingerprint(source))[..16]);

    /// <summary>True for a plain jugfile: a <c>.cs</c> without <c>#:</c> directives.</summary>
    private static bool CompilesInProcess(JugfileSource source) => !source.IsProject && !JugfileDirectives.Any(source.Path);

    /// <summary>Compiles into a staging directory and renames it to <paramref name="bundle"/>, so a half-written build is never used.</summary>
    private static string Compile(JugfileSource source, string bundle, CancellationToken cancellationToken)
    {
        var staging = Staging(bundle);
        try
        {
            var assemblyFile = JugfileCompiler.Compile(source, staging, cancellationToken);
            return Complete(staging, assemblyFile, bundle);
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    /// <summary>The assembly in a complete cached build, or null.</summary>
    private static string? Cached(string bundle)
    {
        var marker = Path.Combine(bundle, CompleteMarker);
        if (!File.Exists(marker))
        {
            return null;
        }

        var assembly = Path.Combine(bundle, File.ReadAllText(marker).Trim());
        return File.Exists(assembly) ? assembly : null;
    }

    /// <summary>Copies the build output into <paramref name="bundle"/> (via a temporary directory and a rename) and removes older bundles.</summary>
    private static string Publish(string outputDirectory, string assemblyFile, string bundle)
    {
        var staging = Staging(bundle);
        CopyDirectory(outputDirectory, staging);
        return Complete(staging, assemblyFile, bundle);
    }

    /// <summary>An empty staging directory for <paramref name="bundle"/>, private to this process.</summary>
    private static string Staging(string bundle)
    {
        var staging = $"{bundle}.tmp-{Environment.ProcessId}";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>Marks the staged build complete, renames it to <paramref name="bundle"/> and removes older bundles.</summary>
    private static string Complete(string staging, string assemblyFile, string bundle)
    {
        File.WriteAllText(Path.Combine(staging, CompleteMarker), assemblyFile);
        if (Directory.Exists(bundle))
        {
            Directory.Delete(bundle, recursive: true); // incomplete: no marker
        }

        Directory.Move(staging, bundle);
        RemoveOtherBundles(bundle);
        return Path.Combine(bundle, assemblyFile);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    /// <summary>
    /// Removes older bundles (and files of older cache layouts), best effort: a process still running an
    /// older bundle keeps its open files; on Windows the delete fails and is tried again next time.
    /// </summary>
    private static void RemoveOtherBundles(string bundle)
    {
        var cache = Path.GetDirectoryName(bundle)!;
        foreach (var entry in Directory.EnumerateFileSystemEntries(cache))
        {
            if (entry == bundle || Path.GetFileName(entry) == LockFile)
            {
                continue;
            }

            try
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
