using System.Buffers.Binary;
using System.IO.Hashing;
using Jug.Cloud.Storage;
using Microsoft.Win32.SafeHandles;

namespace Jug.Cloud.Stores.File;

/// <summary>
/// The format of a pack file: many small results written by one group commit, so a group costs one
/// file creation and one fsync instead of one of each per result. A pack is written whole (temporary,
/// fsync, rename) and never changed afterwards; removing a result rewrites its pack without it.
/// </summary>
/// <remarks>
/// Layout: the 8-byte magic, then each result's stored object (header and checksum included, exactly
/// as a single-file result), then the index — per result its key, offset and length — then a trailer:
/// index offset, count, an XxHash64 of the index and an end magic. Readers go to the trailer first, so
/// a cut-off pack (only possible in non-durable jugdirs) is recognised and ignored, never misread.
/// </remarks>
internal static class ResultPack
{
    /// <summary>The file name extension of packs in <c>results/packs/</c>.</summary>
    public const string Extension = ".pack";

    private static ReadOnlySpan<byte> Magic => "JUGPACK\u0001"u8;

    private static ReadOnlySpan<byte> EndMagic => "JUGPEND\u0001"u8;

    private const int IndexEntrySize = TaskHash.Size + sizeof(long) + sizeof(int);

    private const int TrailerSize = sizeof(long) + sizeof(int) + sizeof(ulong) + 8;

    /// <summary>Where one result lies inside a pack.</summary>
    /// <param name="Key">The result's key.</param>
    /// <param name="Offset">Byte offset of its stored object.</param>
    /// <param name="Length">Length of its stored object.</param>
    public readonly record struct Entry(TaskHash Key, long Offset, int Length);

    /// <summary>A new pack name: unique without coordination between processes.</summary>
    public static string NewName() => Guid.NewGuid().ToString("n") + Extension;

    /// <summary>
    /// Writes <paramref name="results"/> as a complete pack to a new temporary file beside
    /// <paramref name="path"/> (synced if <paramref name="durable"/>) and returns the temporary's path
    /// with each result's place in it. The caller renames it into place.
    /// </summary>
    public static (string Temporary, Entry[] Entries) WriteTemporary(string path, IReadOnlyList<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> results, bool durable)
    {
        var entries = new Entry[results.Count];
        var buffers = new ReadOnlyMemory<byte>[results.Count + 2];
        buffers[0] = Magic.ToArray();
        long offset = Magic.Length;
        for (var i = 0; i < results.Count; i++)
        {
            var (key, value) = results[i];
            entries[i] = new Entry(key, offset, value.Length);
            buffers[i + 1] = value;
            offset += value.Length;
        }

        buffers[^1] = EncodeIndex(entries, offset);
        var temporary = FileLayout.TemporaryBeside(path);
        try
        {
            using var handle = AtomicFile.CreateNew(temporary, durable);
            RandomAccess.Write(handle, buffers, 0);
            if (durable)
            {
                FileSync.FlushToDisk(handle);
            }
        }
        catch
        {
            AtomicFile.TryDelete(temporary);
            throw;
        }

        return (temporary, entries);
    }

    /// <summary>The entries of the pack at <paramref name="path"/>; null if it is gone or not a whole pack.</summary>
    public static Entry[]? ReadIndex(string path)
    {
        try
        {
            using var handle = System.IO.File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return ReadIndex(handle);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// True if the pack at <paramref name="path"/> starts with the magic and its index verifies, as
    /// <c>verify</c> checks it; false if it is damaged or gone.
    /// </summary>
    public static bool IsWhole(string path)
    {
        if (ReadIndex(path) is null)
        {
            return false;
        }

        try
        {
            using var handle = System.IO.File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> start = stackalloc byte[8];
            return RandomAccess.Read(handle, start, 0) == Magic.Length && start.SequenceEqual(Magic);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Reads one stored object out of a pack; null if the pack is gone.</summary>
    public static byte[]? ReadEntry(string path, long offset, int length)
    {
        try
        {
            using var handle = System.IO.File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var bytes = GC.AllocateUninitializedArray<byte>(length);
            var read = 0;
            while (read < length)
            {
                var n = RandomAccess.Read(handle, bytes.AsSpan(read), offset + read);
                if (n == 0)
                {
                    return bytes[..read];
                }

                read += n;
            }

            return bytes;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Reads every stored object of a pack with its key; null if the pack is gone or not whole.</summary>
    public static List<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>>? ReadAll(string path)
    {
        byte[] content;
        try
        {
            content = System.IO.File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        if (ParseIndex(content) is not { } entries)
        {
            return null;
        }

        return [.. entries.Select(e => KeyValuePair.Create(e.Key, (ReadOnlyMemory<byte>)content.AsMemory((int)e.Offset, e.Length)))];
    }

    private static Entry[]? ReadIndex(SafeFileHandle handle)
    {
        var length = RandomAccess.GetLength(handle);
        if (length < Magic.Length + TrailerSize)
        {
            return null;
        }

        Span<byte> trailer = stackalloc byte[TrailerSize];
        if (RandomAccess.Read(handle, trailer, length - TrailerSize) != TrailerSize
            || !TryReadTrailer(trailer, length, out var indexOffset, out var count, out var checksum))
        {
            return null;
        }

        var index = new byte[count * IndexEntrySize];
        if (RandomAccess.Read(handle, index, indexOffset) != index.Length || XxHash64.HashToUInt64(index) != checksum)
        {
            return null;
        }

        return DecodeIndex(index, count, indexOffset);
    }

    private static Entry[]? ParseIndex(ReadOnlySpan<byte> content)
    {
        if (content.Length < Magic.Length + TrailerSize
            || !TryReadTrailer(content[^TrailerSize..], content.Length, out var indexOffset, out var count, out var checksum))
        {
            return null;
        }

        var index = content.Slice((int)indexOffset, count * IndexEntrySize);
        return XxHash64.HashToUInt64(index) == checksum ? DecodeIndex(index, count, indexOffset) : null;
    }

    private static bool TryReadTrailer(ReadOnlySpan<byte> trailer, long length, out long indexOffset, out int count, out ulong checksum)
    {
        indexOffset = BinaryPrimitives.ReadInt64LittleEndian(trailer);
        count = BinaryPrimitives.ReadInt32LittleEndian(trailer[8..]);
        checksum = BinaryPrimitives.ReadUInt64LittleEndian(trailer[12..]);
        return trailer[20..].SequenceEqual(EndMagic)
            && count >= 0
            && indexOffset >= Magic.Length
            && indexOffset + ((long)count * IndexEntrySize) + TrailerSize == length;
    }

    private static Entry[]? DecodeIndex(ReadOnlySpan<byte> index, int count, long indexOffset)
    {
        var entries = new Entry[count];
        for (var i = 0; i < count; i++)
        {
            var record = index.Slice(i * IndexEntrySize, IndexEntrySize);
            var offset = BinaryPrimitives.ReadInt64LittleEndian(record[TaskHash.Size..]);
            var size = BinaryPrimitives.ReadInt32LittleEndian(record[(TaskHash.Size + sizeof(long))..]);
            if (offset < Magic.Length || size < 0 || offset + size > indexOffset)
            {
                return null;
            }

            entries[i] = new Entry(TaskHash.FromBytes(record[..TaskHash.Size]), offset, size);
        }

        return entries;
    }

    private static byte[] EncodeIndex(Entry[] entries, long indexOffset)
    {
        var bytes = new byte[(entries.Length * IndexEntrySize) + TrailerSize];
        var index = bytes.AsSpan(0, entries.Length * IndexEntrySize);
        for (var i = 0; i < entries.Length; i++)
        {
            var record = index.Slice(i * IndexEntrySize, IndexEntrySize);
            entries[i].Key.WriteTo(record);
            BinaryPrimitives.WriteInt64LittleEndian(record[TaskHash.Size..], entries[i].Offset);
            BinaryPrimitives.WriteInt32LittleEndian(record[(TaskHash.Size + sizeof(long))..], entries[i].Length);
        }

        var trailer = bytes.AsSpan(index.Length);
        BinaryPrimitives.WriteInt64LittleEndian(trailer, indexOffset);
        BinaryPrimitives.WriteInt32LittleEndian(trailer[8..], entries.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(trailer[12..], XxHash64.HashToUInt64(index));
        EndMagic.CopyTo(trailer[20..]);
        return bytes;
    }
}
