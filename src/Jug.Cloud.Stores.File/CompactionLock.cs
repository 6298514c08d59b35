namespace Jug.Cloud.Stores.File;

/// <summary>
/// The right to compact a jugdir's run log: the file <c>runs/.compacting</c>, created exclusively and
/// removed when done. A lock older than <see cref="StaleAfter"/> was left by a process killed while it
/// compacted (a compaction takes seconds) and is taken over.
/// </summary>
internal sealed class CompactionLock : IDisposable
{
    /// <summary>How old a lock may be before it is taken to be a killed compactor's.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    private readonly FileStream _file;

    private CompactionLock(FileStream file) => _file = file;

    /// <summary>The lock, or null if another process holds it.</summary>
    public static CompactionLock? TryTake(string runsDirectory)
    {
        var path = Path.Combine(runsDirectory, ".compacting");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                Directory.CreateDirectory(runsDirectory);
                return new CompactionLock(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose));
            }
            catch (IOException) when (System.IO.File.Exists(path))
            {
                if (DateTime.UtcNow - System.IO.File.GetLastWriteTimeUtc(path) < StaleAfter)
                {
                    return null;
                }

                AtomicFile.TryDelete(path);
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
