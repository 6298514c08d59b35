using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Unicode;

namespace Jug.Cloud.Hashing;

/// <summary>Type-tagged writes of single primitives, for <see cref="IJugHashable"/> implementations.</summary>
/// <remarks>Each overload writes exactly what <see cref="WriteValue"/> writes for the same value.</remarks>
public sealed partial class HashWriter
{
    /// <summary>Writes a byte (type-tagged).</summary>
    public void Write(byte value)
    {
        WriteTag(HashTag.Byte);
        WriteByte(value);
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

    /// <summary>Writes an unsigned 64-bit integer (type-tagged).</summary>
    public void Write(ulong value)
    {
        WriteTag(HashTag.UInt64);
        WriteRawInt64(unchecked((long)value));
    }

    /// <summary>Writes a double by its canonical bit pattern: -0.0 as +0.0, every NaN as one NaN (type-tagged).</summary>
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

    /// <summary>Writes a string as length-prefixed UTF-8 (type-tagged); null is written as null.</summary>
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

    /// <summary>Writes bytes exactly as a <c>byte[]</c> with the same content is written.</summary>
    public void Write(ReadOnlySpan<byte> bytes) => WriteSpan(bytes);

    /// <summary>Writes a task or value hash (type-tagged).</summary>
    public void Write(TaskHash hash)
    {
        WriteTag(HashTag.TaskHash);
        WriteRaw(hash);
    }

    /// <summary>
    /// Writes a span of primitives (<c>bool</c>, integers, <c>char</c>, <c>float</c>, <c>double</c>,
    /// <c>Half</c>) exactly as an array with the same content is written: raw little-endian memory,
    /// floating point canonicalised.
    /// </summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not one of those primitives.</exception>
    public void WriteSpan<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        if (!PrimitiveArrays.IsPrimitive(typeof(T)))
        {
            throw new ArgumentException($"WriteSpan takes spans of primitives, not of {typeof(T).Name}; use WriteValue.", nameof(values));
        }

        WriteTag(HashTag.Sequence);
        PrimitiveHashing.WriteBody(this, values);
    }

    /// <summary>-0.0 becomes +0.0 and every NaN one NaN, so equal numbers hash equal.</summary>
    internal static long CanonicalBits(double value) =>
        double.IsNaN(value) ? 0x7FF8_0000_0000_0000L : value == 0 ? 0L : BitConverter.DoubleToInt64Bits(value);

    /// <summary>-0.0f becomes +0.0f and every NaN one NaN.</summary>
    internal static int CanonicalBits(float value) =>
        float.IsNaN(value) ? 0x7FC0_0000 : value == 0 ? 0 : BitConverter.SingleToInt32Bits(value);

    /// <summary>-0 becomes +0 and every NaN one NaN.</summary>
    internal static short CanonicalBits(Half value) =>
        Half.IsNaN(value) ? (short)0x7E00 : value == Half.Zero ? (short)0 : BitConverter.HalfToInt16Bits(value);

    /// <summary>
    /// A string as an Int32 byte count and its UTF-8 bytes. A string with a lone surrogate has no UTF-8
    /// form (the encoder would replace it with U+FFFD, making different strings collide), so it is
    /// written as -(char count) - 1 and its UTF-16 code units instead.
    /// </summary>
    internal void WriteRawString(string value)
    {
        const int MaxBytesPerChar = 3;
        if (value.Length <= (BufferSize - sizeof(int)) / MaxBytesPerChar)
        {
            var room = Reserve(sizeof(int) + (value.Length * MaxBytesPerChar));
            if (Utf8.FromUtf16(value, room[sizeof(int)..], out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
            {
                BinaryPrimitives.WriteInt32LittleEndian(room, written);
                Advance(sizeof(int) + written);
                return;
            }
        }
        else
        {
            var rented = ArrayPool<byte>.Shared.Rent(checked(value.Length * MaxBytesPerChar));
            try
            {
                if (Utf8.FromUtf16(value, rented, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
                {
                    WriteRawInt32(written);
                    WriteRaw(rented.AsSpan(0, written));
                    return;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        WriteRawInt32(-value.Length - 1);
        WriteRaw(MemoryMarshal.AsBytes(value.AsSpan()));
    }

    private void WriteDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;

        // 1.10m and 1.1m are the same number at different scales, and 0m has a sign: strip trailing
        // zeros and the sign of zero so equal numbers hash equal.
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        var negative = bits[3] < 0 && mantissa != 0;
        WriteTag(HashTag.Decimal);
        WriteRawInt32(unchecked((int)(uint)mantissa));
        WriteRawInt32(unchecked((int)(uint)(mantissa >> 32)));
        WriteRawInt32(unchecked((int)(uint)(mantissa >> 64)));
        WriteRawInt32((scale << 16) | (negative ? int.MinValue : 0));
    }
}
