using System.Diagnostics;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Bench.Measurement;

/// <summary>
/// What the file system where the jugdirs live can do, measured in the same run as the scenarios: its
/// sequential write throughput (one large file written in 4 MiB pieces and fsynced), how many small
/// files it creates per second, and what one fsync of a small file costs. A file jugdir creates a file
/// per result (and per claim), so these bound the durable scenarios.
/// </summary>
internal static class DiskProbe
{
    /// <summary>Small files created (exclusively, as the store does) per second in <paramref name="directory"/>, without fsync.</summary>
    public static double CreatesPerSecond(string directory, int files = 400)
    {
        var probe = Path.Combine(directory, $".create-probe-{Guid.NewGuid():n}");
        Directory.CreateDirectory(probe);
        try
        {
            var content = new byte[64];
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < files; i++)
            {
                using var handle = File.OpenHandle(Path.Combine(probe, $"f{i}"), FileMode.CreateNew, FileAccess.Write);
                RandomAccess.Write(handle, content, 0);
            }

            return files / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            Directory.Delete(probe, recursive: true);
        }
    }

    /// <summary>The median time of writing 64 bytes to an existing file and fsyncing it, over <paramref name="samples"/> tries.</summary>
    public static TimeSpan FsyncLatency(string directory, int samples = 20)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $".fsync-probe-{Guid.NewGuid():n}");
        var times = new TimeSpan[samples];
        try
        {
            using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
            var content = new byte[64];
            for (var i = 0; i < samples; i++)
            {
                var start = Stopwatch.GetTimestamp();
                RandomAccess.Write(handle, content, 0);
                FileSync.FlushToDisk(handle);
                times[i] = Stopwatch.GetElapsedTime(start);
            }
        }
        finally
        {
            File.Delete(path);
        }

        Array.Sort(times);
        return times[samples / 2];
    }

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
