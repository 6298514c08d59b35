using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Jug.Cloud;

/// <summary>
/// The identity of a task or a stored result: a SHA-256 digest over what is computed (task name,
/// code version and the canonical hashes of the arguments). Printed as 64 lower-case hex digits.
/// </summary>
public readonly struct TaskHash : IEquatable<TaskHash>, IComparable<TaskHash>, ISpanFormattable
{
    /// <summary>Length of the digest in bytes.</summary>
    public const int Size = 32;

    private readonly ulong _a, _b, _c, _d;

    private TaskHash(ulong a, ulong b, ulong c, ulong d)
    {
        _a = a;
        _b = b;
        _c = c;
        _d = d;
    }

    /// <summary>Creates a hash from its 32 digest bytes.</summary>
    public static TaskHash FromBytes(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != Size)
        {
            throw new ArgumentException($"A task hash is {Size} bytes, not {digest.Length}.", nameof(digest));
        }

        return new TaskHash(
            BinaryPrimitives.ReadUInt64BigEndian(digest),
            BinaryPrimitives.ReadUInt64BigEndian(digest[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(digest[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(digest[24..]));
    }

    /// <summary>Writes the 32 digest bytes to <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    /// <summary>The digest bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>The first byte of the digest, used to shard state and storage by hash prefix.</summary>
    public byte Prefix => (byte)(_a >> 56);

    /// <summary>A well-mixed 64-bit value from the digest, for sharding and hash tables.</summary>
    public ulong Bucket => _a;

    /// <summary>Parses 64 hex digits (either case).</summary>
    public static TaskHash Parse(string hex) =>
        TryParse(hex, out var hash) ? hash : throw new FormatException($"'{hex}' is not a task hash (64 hex digits).");

    /// <summary>Parses 64 hex digits (either case); false if <paramref name="hex"/> is not a hash.</summary>
    public static bool TryParse([NotNullWhen(true)] string? hex, out TaskHash hash) => TryParse(hex.AsSpan(), out hash);

    /// <summary>Parses 64 hex digits (either case); false if <paramref name="hex"/> is not a hash.</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out TaskHash hash)
    {
        hash = default;
        if (hex.Length != Size * 2)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        if (Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Size)
        {
            return false;
        }

        hash = FromBytes(bytes);
        return true;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>The first <paramref name="digits"/> hex digits, for display.</summary>
    public string ToShortString(int digits = 12) => ToString()[..digits];

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (destination.Length < Size * 2)
        {
            charsWritten = 0;
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        Convert.TryToHexStringLower(bytes, destination, out charsWritten);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(TaskHash other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TaskHash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (int)_a ^ (int)(_a >> 32);

    /// <inheritdoc />
    public int CompareTo(TaskHash other)
    {
        var c = _a.CompareTo(other._a);
        if (c != 0) return c;
        c = _b.CompareTo(other._b);
        if (c != 0) return c;
        c = _c.CompareTo(other._c);
        return c != 0 ? c : _d.CompareTo(other._d);
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(TaskHash left, TaskHash right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(TaskHash left, TaskHash right) => !left.Equals(right);

    /// <summary>Ordering by digest bytes.</summary>
    public static bool operator <(TaskHash left, TaskHash right) => left.CompareTo(right) < 0;

    /// <summary>Ordering by digest bytes.</summary>
    public static bool operator >(TaskHash left, TaskHash right) => left.CompareTo(right) > 0;

    /// <summary>Ordering by digest bytes.</summary>
    public static bool operator <=(TaskHash left, TaskHash right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering by digest bytes.</summary>
    public static bool operator >=(TaskHash left, TaskHash right) => left.CompareTo(right) >= 0;
}
