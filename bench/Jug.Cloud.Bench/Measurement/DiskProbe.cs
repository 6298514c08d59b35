using System.Diagnostics;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Bench.Measurement;

/// <summary>
/// The disk's sequential write throughput where the jugdirs live: one large file written in 4 MiB
/// pieces and fsynced, timed up to the end of the fsync, then removed.
/// </summary>
internal static class DiskProbe
{
    private const int ChunkSize = 4 << 20;

    /// <summary>Bytes per second of writing <paramref name="bytes"/> to a new file in <paramref name="directory"/> and syncing it.</summary>
    public static double SequentialWrite(string directory, long bytes)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"disk-probe-{Guid.NewGuid():n}.bin");
        var chunk = new byte[ChunkSize];
        Random.Shared.NextBytes(chunk); // incompressible, in case the file system compresses
        try
        {
            var clock = Stopwatch.StartNew();
            using (var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write))
            {
                for (long offset = 0; offset < bytes; offset += ChunkSize)
                {
                    RandomAccess.Write(handle, chunk.AsSpan(0, (int)Math.Min(ChunkSize, bytes - offset)), offset);
                }

                FileSync.FlushToDisk(handle);
            }

            return bytes / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
