using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Hashing;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Memory;

/// <summary>
/// The file behind <c>memory:path/file</c>, all integers little-endian:
/// <list type="bullet">
/// <item>8 bytes magic <c>JUGMEM\0</c> and format version 2 (version 1 files, without a run log, still load);</item>
/// <item>results: int32 count, then per entry 32 hash bytes, int32 length, the stored object;</item>
/// <item>failures: int32 count, then per entry int32 length, the record as a stored object (JSON);</item>
/// <item>run log (version 2): int32 length, one run-log batch as a stored object (JSON);</item>
/// <item>bundles: int32 count, then per entry a byte id length, the ASCII id, int32 length, the content;</item>
/// <item>8 bytes XxHash3 of everything before it, so a truncated or damaged file is refused whole.</item>
/// </list>
/// Saved by writing a temporary file beside it, fsync, rename, directory fsync.
/// </summary>
internal static class MemorySnapshot
{
    private const byte Version = 2;
    private static readonly byte[] Magic = "JUGMEM\0"u8.ToArray();
    private const int TrailerSize = sizeof(ulong);

    public static void Load(
        string file,
        ConcurrentDictionary<TaskHash, byte[]> results,
        ConcurrentDictionary<TaskHash, FailureRecord> failures,
        MemoryRunLog runs,
        ConcurrentDictionary<string, byte[]> bundles)
    {
        byte[] data;
        try
        {
            data = System.IO.File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JugStoreException($"The memory store file '{file}' cannot be read: {e.Message}", e);
        }

        try
        {
            if (data.Length < Magic.Length + 1 + TrailerSize || !data.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            {
                throw Corrupt(file, "it is not a Jug.Cloud memory-store file");
            }

            var version = data[Magic.Length];
            if (version is not (1 or Version))
            {
                throw Corrupt(file, $"format version {version} is not 1 or {Version}");
            }

            var body = data.AsSpan(0, data.Length - TrailerSize);
            if (XxHash3.HashToUInt64(body) != BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(body.Length)))
            {
                throw Corrupt(file, "its checksum does not match (truncated or damaged)");
            }

            var reader = new Reader(data, Magic.Length + 1, body.Length);
            for (var n = reader.Count(); n > 0; n--)
            {
                var key = TaskHash.FromBytes(reader.Bytes(TaskHash.Size));
                results[key] = reader.Bytes(reader.Count()).ToArray();
            }

            for (var n = reader.Count(); n > 0; n--)
            {
                var record = FailureRecordCodec.Decode(reader.Bytes(reader.Count()).ToArray());
                failures[record.Key] = record;
            }

            if (version >= 2)
            {
                runs.Append(RunRecordCodec.Decode(reader.Bytes(reader.Count()).ToArray()));
            }

            for (var n = reader.Count(); n > 0; n--)
            {
                var id = BundleId.Check(System.Text.Encoding.ASCII.GetString(reader.Bytes(reader.Byte())));
                bundles[id] = reader.Bytes(reader.Count()).ToArray();
            }

            if (!reader.AtEnd)
            {
                throw Corrupt(file, "it has bytes after its last entry");
            }
        }
        catch (Exception e) when (e is CorruptObjectException or ArgumentException)
        {
            throw Corrupt(file, e.Message, e);
        }
    }

    public static async Task SaveAsync(
        string file,
        ConcurrentDictionary<TaskHash, byte[]> results,
        ConcurrentDictionary<TaskHash, FailureRecord> failures,
        MemoryRunLog runs,
        ConcurrentDictionary<string, byte[]> bundles,
        CancellationToken cancellationToken)
    {
        var buffer = Serialize(results, failures, runs, bundles);
        var directory = Path.GetDirectoryName(file)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(file)}.{Guid.NewGuid():n}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true))
            {
                await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
                FileSync.FlushToDisk(stream);
            }

            System.IO.File.Move(temporary, file, overwrite: true);
        }
        catch
        {
            System.IO.File.Delete(temporary);
            throw;
        }

        FileSync.SyncDirectory(directory);
    }

    private static ArrayBufferWriter<byte> Serialize(
        ConcurrentDictionary<TaskHash, byte[]> results,
        ConcurrentDictionary<TaskHash, FailureRecord> failures,
        MemoryRunLog runs,
        ConcurrentDictionary<string, byte[]> bundles)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        buffer.Write(Magic);
        buffer.Write([Version]);

        // Snapshots of the dictionaries: counts must match the entries written even while others write.
        var resultList = results.ToArray();
        WriteInt32(buffer, resultList.Length);
        foreach (var (key, value) in resultList)
        {
            key.WriteTo(buffer.GetSpan(TaskHash.Size));
            buffer.Advance(TaskHash.Size);
            WriteBlock(buffer, value);
        }

        var failureList = failures.Values.ToArray();
        WriteInt32(buffer, failureList.Length);
        foreach (var failure in failureList)
        {
            WriteBlock(buffer, FailureRecordCodec.Encode(failure));
        }

        WriteBlock(buffer, RunRecordCodec.Encode(runs.ToArray()));

        var bundleList = bundles.ToArray();
        WriteInt32(buffer, bundleList.Length);
        foreach (var (id, content) in bundleList)
        {
            buffer.Write([(byte)id.Length]);
            buffer.Write(System.Text.Encoding.ASCII.GetBytes(id));
            WriteBlock(buffer, content);
        }

        var checksum = XxHash3.HashToUInt64(buffer.WrittenSpan);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.GetSpan(TrailerSize), checksum);
        buffer.Advance(TrailerSize);
        return buffer;
    }

    private static void WriteInt32(ArrayBufferWriter<byte> buffer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(sizeof(int)), value);
        buffer.Advance(sizeof(int));
    }

    private static void WriteBlock(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> block)
    {
        WriteInt32(buffer, block.Length);
        buffer.Write(block);
    }

    private static JugStoreException Corrupt(string file, string problem, Exception? cause = null)
    {
        var message = $"The memory store file '{file}' is corrupt: {problem.ReplaceLineEndings(" ")}";
        return cause is null ? new JugStoreException(message) : new JugStoreException(message, cause);
    }

    /// <summary>Reads the body with every length checked against what is left, so no damaged count allocates wildly.</summary>
    private ref struct Reader(byte[] data, int position, int end)
    {
        private int _position = position;

        public readonly bool AtEnd => _position == end;

        public int Count()
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(Bytes(sizeof(int)));
            return value >= 0 && value <= end - _position
                ? value
                : throw new CorruptObjectException($"a count or length ({value}) runs past the end of the file");
        }

        public byte Byte() => Bytes(1)[0];

        public ReadOnlySpan<byte> Bytes(int length)
        {
            if (length > end - _position)
            {
                throw new CorruptObjectException("an entry runs past the end of the file");
            }

            var span = data.AsSpan(_position, length);
            _position += length;
            return span;
        }
    }
}
