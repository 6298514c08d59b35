using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Jug.Cloud.Hashing;

/// <summary>
/// Sequences of primitives hashed as raw little-endian bytes: the whole array in one SHA-256 update
/// unless a float array holds -0.0 or a NaN (found with a vectorised scan), which is canonicalised
/// chunk by chunk first.
/// </summary>
internal static class PrimitiveArrays
{
    private const int Chunk = 64 * 1024;

    private static readonly Type[] Primitives =
        [typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
         typeof(long), typeof(ulong), typeof(char), typeof(float), typeof(double), typeof(Half)];

    public static bool IsPrimitive(Type type) => Code(type) != 0;

    /// <summary>The primitive type with element-type code <paramref name="code"/>, or null.</summary>
    public static Type? TypeOf(byte code) => Array.Find(Primitives, t => Code(t) == code);

    /// <summary>The element-type code, shared with the raw-array result codec; 0 if not primitive.</summary>
    public static byte Code(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Boolean => (byte)HashTag.Boolean,
        TypeCode.Byte => (byte)HashTag.Byte,
        TypeCode.SByte => (byte)HashTag.SByte,
        TypeCode.Int16 => (byte)HashTag.Int16,
        TypeCode.UInt16 => (byte)HashTag.UInt16,
        TypeCode.Int32 => (byte)HashTag.Int32,
        TypeCode.UInt32 => (byte)HashTag.UInt32,
        TypeCode.Int64 => (byte)HashTag.Int64,
        TypeCode.UInt64 => (byte)HashTag.UInt64,
        TypeCode.Char => (byte)HashTag.Char,
        TypeCode.Single => (byte)HashTag.Single,
        TypeCode.Double => (byte)HashTag.Double,
        _ when type == typeof(Half) => (byte)HashTag.Half,
        _ => 0,
    };

    public static void Write(HashWriter writer, Array array)
    {
        var element = array.GetType().GetElementType()!;
        writer.WriteByte(Code(element));
        writer.WriteRawInt64(array.Length);
        var bytes = MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(array), checked(array.Length * ElementSize(element)));
        if (element == typeof(double))
        {
            WriteFloats(writer, MemoryMarshal.Cast<byte, long>(bytes), 0x7FF0_0000_0000_0000L, 0x7FF8_0000_0000_0000L, unchecked((long)0x8000_0000_0000_0000UL));
        }
        else if (element == typeof(float))
        {
            WriteFloats(writer, MemoryMarshal.Cast<byte, int>(bytes), 0x7F80_0000, 0x7FC0_0000, unchecked((int)0x8000_0000));
        }
        else if (element == typeof(Half))
        {
            WriteElements(writer, element, array, writeHeader: false);
        }
        else
        {
            writer.WriteRaw(bytes);
        }
    }

    /// <summary>Writes any sequence of primitives exactly as <see cref="Write"/> writes the equal array.</summary>
    public static void WriteElements(HashWriter writer, Type element, IEnumerable sequence, bool writeHeader = true)
    {
        if (writeHeader)
        {
            var items = sequence as ICollection ?? sequence.Cast<object>().ToList();
            writer.WriteByte(Code(element));
            writer.WriteRawInt64(items.Count);
            sequence = items;
        }

        Span<byte> scratch = stackalloc byte[8];
        foreach (var item in sequence)
        {
            var size = ElementSize(element);
            switch (item)
            {
                case double d: BitConverter.TryWriteBytes(scratch, HashWriter.CanonicalBits(d)); break;
                case float f: BitConverter.TryWriteBytes(scratch, HashWriter.CanonicalBits(f)); break;
                case Half h: BitConverter.TryWriteBytes(scratch, CanonicalHalf(h)); break;
                case bool b: scratch[0] = b ? (byte)1 : (byte)0; break;
                case byte u8: scratch[0] = u8; break;
                case sbyte i8: scratch[0] = unchecked((byte)i8); break;
                case short i16: BitConverter.TryWriteBytes(scratch, i16); break;
                case ushort u16: BitConverter.TryWriteBytes(scratch, u16); break;
                case char c: BitConverter.TryWriteBytes(scratch, c); break;
                case int i32: BitConverter.TryWriteBytes(scratch, i32); break;
                case uint u32: BitConverter.TryWriteBytes(scratch, u32); break;
                case long i64: BitConverter.TryWriteBytes(scratch, i64); break;
                case ulong u64: BitConverter.TryWriteBytes(scratch, u64); break;
                default: throw new UnhashableValueException($"a sequence of {element.Name} holds a {item?.GetType().Name ?? "null"}.");
            }

            writer.WriteRaw(scratch[..size]);
        }
    }

    public static int ElementSize(Type element) => element == typeof(Half) ? 2 : element == typeof(bool) ? 1 : Marshal.SizeOf(element);

    private static short CanonicalHalf(Half value) =>
        Half.IsNaN(value) ? (short)0x7E00 : value == Half.Zero ? (short)0 : BitConverter.HalfToInt16Bits(value);

    private static void WriteFloats<T>(HashWriter writer, ReadOnlySpan<T> bits, T exponentMask, T canonicalNaN, T negativeZero)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (!NeedsCanonicalising(bits, exponentMask, negativeZero))
        {
            writer.WriteRaw(MemoryMarshal.AsBytes(bits));
            return;
        }

        var magnitude = ~negativeZero;
        var scratch = new T[Math.Min(Chunk, bits.Length)];
        for (var start = 0; start < bits.Length; start += scratch.Length)
        {
            var part = bits.Slice(start, Math.Min(scratch.Length, bits.Length - start));
            for (var i = 0; i < part.Length; i++)
            {
                var value = part[i];
                scratch[i] = (value & magnitude) > exponentMask ? canonicalNaN : value == negativeZero ? T.Zero : value;
            }

            writer.WriteRaw(MemoryMarshal.AsBytes(scratch.AsSpan(0, part.Length)));
        }
    }

    /// <summary>True if any element is -0 or a NaN (magnitude bits above the exponent mask).</summary>
    private static bool NeedsCanonicalising<T>(ReadOnlySpan<T> bits, T exponentMask, T negativeZero)
        where T : unmanaged, IBinaryInteger<T>
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && bits.Length >= Vector<T>.Count)
        {
            var magnitudeMask = new Vector<T>(~negativeZero);
            var exponent = new Vector<T>(exponentMask);
            var negZero = new Vector<T>(negativeZero);
            var vectors = MemoryMarshal.Cast<T, Vector<T>>(bits);
            foreach (var v in vectors)
            {
                if (Vector.GreaterThanAny(v & magnitudeMask, exponent) || Vector.EqualsAny(v, negZero))
                {
                    return true;
                }
            }

            i = vectors.Length * Vector<T>.Count;
        }

        var magnitude = ~negativeZero;
        for (; i < bits.Length; i++)
        {
            if ((bits[i] & magnitude) > exponentMask || bits[i] == negativeZero)
            {
                return true;
            }
        }

        return false;
    }
}
