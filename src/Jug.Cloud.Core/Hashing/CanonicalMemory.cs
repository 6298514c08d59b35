using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Jug.Cloud.Hashing;

/// <summary>
/// Floating-point (and boolean) memory written canonically without slowing the common case: each
/// chunk is scanned with SIMD, and only a chunk that holds a -0 or a NaN (or a boolean byte other
/// than 0 or 1) is rewritten into a scratch buffer before hashing. Chunks stay in cache between the
/// scan and the hash, so memory is read once.
/// </summary>
internal static class CanonicalMemory
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>
    /// Writes IEEE-754 values given as their bits: every NaN (magnitude above the exponent mask)
    /// becomes <paramref name="nan"/> and -0 (only the sign bit set) becomes +0.
    /// </summary>
    public static void Write<TBits>(HashWriter writer, ReadOnlySpan<TBits> bits, TBits exponent, TBits nan, TBits sign)
        where TBits : unmanaged, IBinaryInteger<TBits>
    {
        var chunk = ChunkBytes / System.Runtime.CompilerServices.Unsafe.SizeOf<TBits>();
        TBits[]? scratch = null;
        try
        {
            for (var start = 0; start < bits.Length; start += chunk)
            {
                var part = bits.Slice(start, Math.Min(chunk, bits.Length - start));
                if (!HasNonCanonical(part, exponent, sign))
                {
                    writer.WriteRaw(MemoryMarshal.AsBytes(part));
                    continue;
                }

                scratch ??= ArrayPool<TBits>.Shared.Rent(chunk);
                var output = scratch.AsSpan(0, part.Length);
                Canonicalise(part, output, exponent, nan, sign);
                writer.WriteRaw(MemoryMarshal.AsBytes((ReadOnlySpan<TBits>)output));
            }
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<TBits>.Shared.Return(scratch);
            }
        }
    }

    /// <summary>Writes booleans as bytes 0 and 1 whatever their memory holds.</summary>
    public static void WriteBooleans(HashWriter writer, ReadOnlySpan<byte> bytes)
    {
        byte[]? scratch = null;
        try
        {
            for (var start = 0; start < bytes.Length; start += ChunkBytes)
            {
                var part = bytes.Slice(start, Math.Min(ChunkBytes, bytes.Length - start));
                if (part.IndexOfAnyExcept((byte)0, (byte)1) < 0)
                {
                    writer.WriteRaw(part);
                    continue;
                }

                scratch ??= ArrayPool<byte>.Shared.Rent(ChunkBytes);
                for (var i = 0; i < part.Length; i++)
                {
                    scratch[i] = part[i] == 0 ? (byte)0 : (byte)1;
                }

                writer.WriteRaw(scratch.AsSpan(0, part.Length));
            }
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }

    private static bool HasNonCanonical<TBits>(ReadOnlySpan<TBits> bits, TBits exponent, TBits sign)
        where TBits : unmanaged, IBinaryInteger<TBits>
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && bits.Length >= Vector<TBits>.Count)
        {
            var magnitude = new Vector<TBits>(~sign);
            var exponents = new Vector<TBits>(exponent);
            var negativeZero = new Vector<TBits>(sign);
            var found = Vector<TBits>.Zero;
            var vectors = MemoryMarshal.Cast<TBits, Vector<TBits>>(bits);

            // Accumulate instead of branching per vector: the scan then runs at memory speed.
            foreach (var v in vectors)
            {
                found |= Vector.GreaterThan(v & magnitude, exponents) | Vector.Equals(v, negativeZero);
            }

            if (found != Vector<TBits>.Zero)
            {
                return true;
            }

            i = vectors.Length * Vector<TBits>.Count;
        }

        for (; i < bits.Length; i++)
        {
            if ((bits[i] & ~sign) > exponent || bits[i] == sign)
            {
                return true;
            }
        }

        return false;
    }

    private static void Canonicalise<TBits>(ReadOnlySpan<TBits> bits, Span<TBits> output, TBits exponent, TBits nan, TBits sign)
        where TBits : unmanaged, IBinaryInteger<TBits>
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && bits.Length >= Vector<TBits>.Count)
        {
            var magnitude = new Vector<TBits>(~sign);
            var exponents = new Vector<TBits>(exponent);
            var negativeZero = new Vector<TBits>(sign);
            var nans = new Vector<TBits>(nan);
            var input = MemoryMarshal.Cast<TBits, Vector<TBits>>(bits);
            var result = MemoryMarshal.Cast<TBits, Vector<TBits>>(output);
            for (var k = 0; k < input.Length; k++)
            {
                var v = input[k];
                var isNaN = Vector.GreaterThan(v & magnitude, exponents);
                result[k] = Vector.ConditionalSelect(isNaN, nans, Vector.AndNot(v, Vector.Equals(v, negativeZero)));
            }

            i = input.Length * Vector<TBits>.Count;
        }

        for (; i < bits.Length; i++)
        {
            var value = bits[i];
            output[i] = (value & ~sign) > exponent ? nan : value == sign ? TBits.Zero : value;
        }
    }
}
