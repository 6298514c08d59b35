namespace Jug.Cloud.Client;

/// <summary>
/// The cached builds beside a jugfile, <c>.jugcloud-build/&lt;name&gt;/&lt;fingerprint&gt;/</c> (see
/// <see cref="JugfileBuilder"/>): what <c>cleanup</c> removes of them. Nothing here is needed to read
/// results; a removed build is made again by the next command that needs it.
/// </summary>
public static class BuildCache
{
    /// <summary>The folder beside a jugfile that holds the builds of every jugfile in that folder.</summary>
    public const string FolderName = ".jugcloud-build";

    /// <summary>
    /// Removes the builds nothing will load again: builds of <paramref name="source"/> for inputs it no
    /// longer has (older fingerprints, unfinished copies), and the builds of jugfiles that are no longer
    /// in its folder (renamed or deleted). The build for its current inputs is kept.
    /// </summary>
    public static BuildCacheCleanup RemoveStale(JugfileSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var removed = new BuildCacheCleanup(0, 0);
        var current = JugfileBuilder.BundleDirectory(source);
        if (Directory.Exists(source.BuildDirectory))
        {
            foreach (var bundle in Directory.EnumerateDirectories(source.BuildDirectory))
            {
                if (!string.Equals(bundle, current, StringComparison.Ordinal))
                {
                    removed += Remove(bundle);
                }
            }
        }

        var folder = Path.GetDirectoryName(source.BuildDirectory)!;
        if (Directory.Exists(folder))
        {
            foreach (var other in Directory.EnumerateDirectories(folder))
            {
                var name = Path.GetFileName(other);
                if (!File.Exists(Path.Combine(source.Directory, name + ".cs")) && !File.Exists(Path.Combine(source.Directory, name + ".csproj")))
                {
                    removed += Remove(other);
                }
            }
        }

        return removed;
    }

    /// <summary>Removes every build of <paramref name="source"/>: the next command builds it again.</summary>
    public static BuildCacheCleanup RemoveAll(JugfileSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!Directory.Exists(source.BuildDirectory))
        {
            return new BuildCacheCleanup(0, 0);
        }

        var removed = new BuildCacheCleanup(0, 0);
        foreach (var bundle in Directory.EnumerateDirectories(source.BuildDirectory))
        {
            removed += Remove(bundle);
        }

        TryDelete(() => Directory.Delete(source.BuildDirectory, recursive: true));
        var folder = Path.GetDirectoryName(source.BuildDirectory)!;
        if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            TryDelete(() => Directory.Delete(folder));
        }

        return removed;
    }

    /// <summary>Removes one build, best effort: a process still running it keeps its files (on Windows the delete fails until it ends).</summary>
    private static BuildCacheCleanup Remove(string directory)
    {
        var bytes = new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        return TryDelete(() => Directory.Delete(directory, recursive: true)) ? new BuildCacheCleanup(1, bytes) : new BuildCacheCleanup(0, 0);
    }

    private static bool TryDelete(Action delete)
    {
        try
        {
            delete();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}

/// <summary>What a cleanup of cached builds removed.</summary>
/// <param name="Builds">Builds (directories) removed.</param>
/// <param name="Bytes">Their size.</param>
public readonly record struct BuildCacheCleanup(int Builds, long Bytes)
{
    /// <summary>The sum of two cleanups.</summary>
    public static BuildCacheCleanup operator +(BuildCacheCleanup a, BuildCacheCleanup b) => new(a.Builds + b.Builds, a.Bytes + b.Bytes);

    /// <summary>The sum of two cleanups.</summary>
    public static BuildCacheCleanup Add(BuildCacheCleanup a, BuildCacheCleanup b) => a + b;
}
