using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Jug.Cloud.Graph;

namespace Jug.Cloud.Hashing;

/// <summary>
/// Writes values in their canonical form into a SHA-256 digest. Small writes are buffered so that a
/// task with a few scalar arguments costs one SHA-256 over one small buffer. Instances are reused:
/// take one with <see cref="Rent"/> and give it back with <see cref="Return"/>.
/// </summary>
/// <remarks>
/// Everything is little-endian and type-tagged; strings are UTF-8 with a length prefix. A task digest
/// is <see cref="BeginTask"/>, one <c>Write…Argument</c> per argument, then <see cref="Finish"/>.
/// </remarks>
public sealed partial class HashWriter : IDisposable
{
    private const int BufferSize = 4096;

    [ThreadStatic]
    private static HashWriter? t_spare;

    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _position;
    private int _depth;
    private bool _dirty;

    /// <summary>A writer with nothing written, reused from this thread when possible.</summary>
    public static HashWriter Rent()
    {
        var writer = t_spare ?? new HashWriter();
        t_spare = null;
        return writer;
    }

    /// <summary>Gives a writer back for reuse; anything written and not finished is discarded.</summary>
    public static void Return(HashWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Reset();
        t_spare = writer;
    }

    /// <summary>The digest of everything written; the writer is empty afterwards.</summary>
    public TaskHash Finish()
    {
        Flush();
        Span<byte> digest = stackalloc byte[TaskHash.Size];
        _sha.GetHashAndReset(digest);
        _depth = 0;
        _dirty = false;
        return TaskHash.FromBytes(digest);
    }

    /// <summary>Starts a task digest: the task's name and code version.</summary>
    public void BeginTask(string name, int version)
    {
        ArgumentNullException.ThrowIfNull(name);
        WriteTag(HashTag.Task);
        WriteRawString("jugcloud.task.v1");
        WriteRawString(name);
        WriteRawInt32(version);
    }

    /// <summary>Writes a plain-value argument of a task.</summary>
    public void WriteValueArgument(object? value)
    {
        WriteTag(HashTag.ValueArgument);
        WriteValue(value);
    }

    /// <summary>Writes an argument that is another task's result (or a tasklet) by its hash.</summary>
    public void WriteReferenceArgument(TaskHash reference)
    {
        WriteTag(HashTag.ReferenceArgument);
        WriteRaw(reference);
    }

    /// <summary>Writes an argument that is a list of results, by their hashes in order.</summary>
    public void WriteReferenceListArgument(IReadOnlyList<TaskReference> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        WriteTag(HashTag.ReferenceListArgument);
        WriteRawInt32(references.Count);
        foreach (var reference in references)
        {
            WriteRaw(reference.Hash);
        }
    }

    /// <summary>Writes a 32-bit integer (type-tagged).</summary>
    public void Write(int value)
    {
        WriteTag(HashTag.Int32);
        WriteRawInt32(value);
    }

    /// <summary>Writes a 64-bit integer (type-tagged).</summary>
    public void Write(long value)
    {
        WriteTag(HashTag.Int64);
        WriteRawInt64(value);
    }

    /// <summary>Writes a double by its canonical bit pattern (type-tagged).</summary>
    public void Write(double value)
    {
        WriteTag(HashTag.Double);
        WriteRawInt64(CanonicalBits(value));
    }

    /// <summary>Writes a boolean (type-tagged).</summary>
    public void Write(bool value)
    {
        WriteTag(HashTag.Boolean);
        WriteByte(value ? (byte)1 : (byte)0);
    }

    /// <summary>Writes a string as UTF-8 (type-tagged); null is written as null.</summary>
    public void Write(string? value)
    {
        if (value is null)
        {
            WriteTag(HashTag.Null);
            return;
        }

        WriteTag(HashTag.String);
        WriteRawString(value);
    }

    /// <summary>Writes bytes (type-tagged, length-prefixed).</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        WriteTag(HashTag.Sequence);
        WriteByte((byte)HashTag.Byte);
        WriteRawInt64(bytes.Length);
        WriteRaw(bytes);
    }

    /// <summary>Writes a hash (type-tagged).</summary>
    public void Write(TaskHash hash)
    {
        WriteTag(HashTag.TaskHash);
        WriteRaw(hash);
    }

    /// <inheritdoc />
    public void Dispose() => _sha.Dispose();

    internal void WriteTag(HashTag tag) => WriteByte((byte)tag);

    internal void WriteByte(byte value)
    {
        if (_position == BufferSize)
        {
            Flush();
        }

        _buffer[_position++] = value;
    }

    internal void WriteRawInt32(int value)
    {
        EnsureRoom(4);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_position), value);
        _position += 4;
    }

    internal void WriteRawInt64(long value)
    {
        EnsureRoom(8);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_position), value);
        _position += 8;
    }

    internal void WriteRaw(TaskHash hash)
    {
        EnsureRoom(TaskHash.Size);
        hash.WriteTo(_buffer.AsSpan(_position));
        _position += TaskHash.Size;
    }

    internal void WriteRawString(string value)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(value);
        WriteRawInt32(length);
        if (length <= BufferSize)
        {
            EnsureRoom(length);
            _position += System.Text.Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position));
        }
        else
        {
            WriteRaw(System.Text.Encoding.UTF8.GetBytes(value));
        }
    }

    internal void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= BufferSize - _position)
        {
            bytes.CopyTo(_buffer.AsSpan(_position));
            _position += bytes.Length;
            return;
        }

        Flush();
        if (bytes.Length < BufferSize)
        {
            bytes.CopyTo(_buffer);
            _position = bytes.Length;
        }
        else
        {
            _sha.AppendData(bytes);
            _dirty = true;
        }
    }

    /// <summary>-0.0 becomes +0.0 and every NaN one NaN, so equal numbers hash equal.</summary>
    internal static long CanonicalBits(double value) =>
        double.IsNaN(value) ? 0x7FF8_0000_0000_0000L : value == 0 ? 0L : BitConverter.DoubleToInt64Bits(value);

    /// <summary>-0.0f becomes +0.0f and every NaN one NaN.</summary>
    internal static int CanonicalBits(float value) =>
        float.IsNaN(value) ? 0x7FC0_0000 : value == 0 ? 0 : BitConverter.SingleToInt32Bits(value);

    private void EnsureRoom(int count)
    {
        if (BufferSize - _position < count)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (_position > 0)
        {
            _sha.AppendData(_buffer, 0, _position);
            _position = 0;
            _dirty = true;
        }
    }

    private void Reset()
    {
        _position = 0;
        _depth = 0;
        if (_dirty)
        {
            Span<byte> discard = stackalloc byte[TaskHash.Size];
            _sha.GetHashAndReset(discard);
            _dirty = false;
        }
    }
}
