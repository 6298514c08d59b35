using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Jug.Cloud.Hashing;

/// <summary>
/// Writes values in their canonical form into a SHA-256 digest. Small writes are buffered so that a
/// task with a few scalar arguments costs one SHA-256 over one small buffer and allocates nothing.
/// </summary>
/// <remarks>
/// <para>Take a writer with <see cref="Rent"/>, write, call <see cref="Finish"/>, and give it back with
/// <see cref="Return"/>; each thread keeps a few writers for reuse. A writer is not thread-safe.</para>
/// <para>Everything is little-endian and type-tagged, so <c>3</c> (int) and <c>3L</c> (long) differ;
/// strings are UTF-8 with a length prefix. <see cref="IJugHashable"/> implementations use the
/// <c>Write</c> overloads and <see cref="WriteValue"/>. A task digest is <see cref="BeginTask"/>,
/// one <c>Write…Argument</c> per argument in order, then <see cref="Finish"/>.</para>
/// </remarks>
public sealed partial class HashWriter : IDisposable
{
    private const int BufferSize = 4096;
    private const int PoolSize = 4;

    // A small stack rather than one spare: hashing a dictionary rents a second writer per entry
    // while the outer one is in use.
    [ThreadStatic]
    private static HashWriter?[]? t_pool;

    [ThreadStatic]
    private static int t_pooled;

    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _position;
    private int _depth;
    private bool _dirty;
    private bool _inPool;
    private bool _disposed;

    /// <summary>Creates a writer. Prefer <see cref="Rent"/>, which reuses writers.</summary>
    /// <exception cref="PlatformNotSupportedException">The machine is big-endian.</exception>
    public HashWriter()
    {
        // Arrays are hashed as their raw memory, which is only canonical on little-endian machines.
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Jug.Cloud hashes raw little-endian memory and runs only on little-endian machines.");
        }
    }

    /// <summary>A writer with nothing written, reused from this thread when possible.</summary>
    public static HashWriter Rent()
    {
        var pool = t_pool;
        if (pool is not null && t_pooled > 0)
        {
            var writer = pool[--t_pooled]!;
            pool[t_pooled] = null;
            writer._inPool = false;
            return writer;
        }

        return new HashWriter();
    }

    /// <summary>Gives a writer back for reuse; anything written and not finished is discarded.</summary>
    /// <exception cref="InvalidOperationException">The writer was already returned.</exception>
    public static void Return(HashWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (writer._inPool)
        {
            throw new InvalidOperationException("This HashWriter was returned twice; a returned writer may already be in use elsewhere.");
        }

        if (writer._disposed)
        {
            return;
        }

        writer.Reset();
        var pool = t_pool ??= new HashWriter?[PoolSize];
        if (t_pooled < PoolSize)
        {
            writer._inPool = true;
            pool[t_pooled++] = writer;
        }
        else
        {
            writer.Dispose();
        }
    }

    /// <summary>The digest of everything written; the writer is empty afterwards and can be reused.</summary>
    public TaskHash Finish()
    {
        Flush();
        Span<byte> digest = stackalloc byte[TaskHash.Size];
        _sha.GetHashAndReset(digest);
        _depth = 0;
        _dirty = false;
        return TaskHash.FromBytes(digest);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _sha.Dispose();
    }

    /// <summary>True if nothing has been written since the last <see cref="Finish"/>.</summary>
    internal bool IsEmpty => _position == 0 && !_dirty;

    internal void WriteTag(HashTag tag) => WriteByte((byte)tag);

    internal void WriteByte(byte value)
    {
        if (_position == BufferSize)
        {
            Flush();
        }

        _buffer[_position++] = value;
    }

    internal void WriteRawInt16(short value)
    {
        EnsureRoom(2);
        BinaryPrimitives.WriteInt16LittleEndian(_buffer.AsSpan(_position), value);
        _position += 2;
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
            // Large blocks go to SHA-256 directly: no copy through the buffer.
            _sha.AppendData(bytes);
            _dirty = true;
        }
    }

    /// <summary>Room for <paramref name="count"/> contiguous bytes (at most the buffer size) at the write position.</summary>
    private Span<byte> Reserve(int count)
    {
        EnsureRoom(count);
        return _buffer.AsSpan(_position, count);
    }

    private void Advance(int count) => _position += count;

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
