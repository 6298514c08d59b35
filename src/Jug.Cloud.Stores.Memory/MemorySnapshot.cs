using System.Collections.Concurrent;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Memory;

/// <summary>
/// The file behind <c>memory:path/file</c>: magic <c>JUGMEM1</c>, then sections of results, failures and
/// bundles, each a count and length-prefixed entries. Written to a temporary file and renamed.
/// </summary>
internal static class MemorySnapshot
{
    private const string Magic = "JUGMEM1";

    public static void Load(
        string file,
        ConcurrentDictionary<TaskHash, byte[]> results,
        ConcurrentDictionary<TaskHash, FailureRecord> failures,
        ConcurrentDictionary<string, byte[]> bundles)
    {
        try
        {
            using var reader = new BinaryReader(System.IO.File.OpenRead(file));
            if (reader.ReadString() != Magic)
            {
                throw new JugStoreException($"'{file}' is not a Jug.Cloud memory-store file.");
            }

            for (var n = reader.ReadInt32(); n > 0; n--)
            {
                results[TaskHash.FromBytes(reader.ReadBytes(TaskHash.Size))] = reader.ReadBytes(reader.ReadInt32());
            }

            for (var n = reader.ReadInt32(); n > 0; n--)
            {
                var record = FailureRecordCodec.Decode(reader.ReadBytes(reader.ReadInt32()));
                failures[record.Key] = record;
            }

            for (var n = reader.ReadInt32(); n > 0; n--)
            {
                bundles[reader.ReadString()] = reader.ReadBytes(reader.ReadInt32());
            }
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or CorruptObjectException or ArgumentException)
        {
            throw new JugStoreException($"'{file}' is not a readable memory-store file: {e.Message}", e);
        }
    }

    public static async Task SaveAsync(
        string file,
        ConcurrentDictionary<TaskHash, byte[]> results,
        ConcurrentDictionary<TaskHash, FailureRecord> failures,
        ConcurrentDictionary<string, byte[]> bundles,
        CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(file)}.{Guid.NewGuid():n}.tmp");
        await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                var resultList = results.ToArray();
                writer.Write(resultList.Length);
                foreach (var (key, value) in resultList)
                {
                    writer.Write(key.ToArray());
                    writer.Write(value.Length);
                    writer.Write(value);
                }

                var failureList = failures.Values.ToArray();
                writer.Write(failureList.Length);
                foreach (var failure in failureList)
                {
                    var encoded = FailureRecordCodec.Encode(failure);
                    writer.Write(encoded.Length);
                    writer.Write(encoded);
                }

                var bundleList = bundles.ToArray();
                writer.Write(bundleList.Length);
                foreach (var (id, content) in bundleList)
                {
                    writer.Write(id);
                    writer.Write(content.Length);
                    writer.Write(content);
                }
            }

            await stream.FlushAsync(cancellationToken);
            FileSync.FlushToDisk(stream);
        }

        System.IO.File.Move(temporary, file, overwrite: true);
    }
}
