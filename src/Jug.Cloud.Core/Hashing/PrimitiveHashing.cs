using System.Buffers;
using System.Runtime.InteropServices;

namespace Jug.Cloud.Hashing;

/// <summary>
/// Sequences of primitives hashed as raw little-endian memory: element code, count, then the bytes
/// straight into SHA-256. Arrays, lists, memory and other sequences of the same elements hash equal.
/// </summary>
internal static class PrimitiveHashing
{
    /// <summary>Writes element code, count and content (floating point canonicalised).</summary>
    public static void WriteBody<T>(HashWriter writer, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        writer.WriteByte(PrimitiveArrays.Code(typeof(T)));
        writer.WriteRawInt64(values.Length);

        // typeof(T) comparisons are constants after JIT: each instantiation keeps one branch.
        if (typeof(T) == typeof(double))
        {
            CanonicalMemory.Write(writer, MemoryMarshal.Cast<T, long>(values), 0x7FF0_0000_0000_0000L, 0x7FF8_0000_0000_0000L, long.MinValue);
        }
        else if (typeof(T) == typeof(float))
        {
            CanonicalMemory.Write(writer, MemoryMarshal.Cast<T, int>(values), 0x7F80_0000, 0x7FC0_0000, int.MinValue);
        }
        else if (typeof(T) == typeof(Half))
        {
            CanonicalMemory.Write(writer, MemoryMarshal.Cast<T, short>(values), (short)0x7C00, (short)0x7E00, short.MinValue);
        }
        else if (typeof(T) == typeof(bool))
        {
            CanonicalMemory.WriteBooleans(writer, MemoryMarshal.AsBytes(values));
        }
        else
        {
            writer.WriteRaw(MemoryMarshal.AsBytes(values));
        }
    }

    /// <summary>Writes the body of a block of memory holding <paramref name="element"/> values.</summary>
    public static void WriteBody(HashWriter writer, Type element, ReadOnlySpan<byte> memory)
    {
        switch (Type.GetTypeCode(element))
        {
            case TypeCode.Boolean: WriteBody(writer, MemoryMarshal.Cast<byte, bool>(memory)); break;
            case TypeCode.Byte: WriteBody(writer, memory); break;
            case TypeCode.SByte: WriteBody(writer, MemoryMarshal.Cast<byte, sbyte>(memory)); break;
            case TypeCode.Int16: WriteBody(writer, MemoryMarshal.Cast<byte, short>(memory)); break;
            case TypeCode.UInt16: WriteBody(writer, MemoryMarshal.Cast<byte, ushort>(memory)); break;
            case TypeCode.Char: WriteBody(writer, MemoryMarshal.Cast<byte, char>(memory)); break;
            case TypeCode.Int32: WriteBody(writer, MemoryMarshal.Cast<byte, int>(memory)); break;
            case TypeCode.UInt32: WriteBody(writer, MemoryMarshal.Cast<byte, uint>(memory)); break;
            case TypeCode.Int64: WriteBody(writer, MemoryMarshal.Cast<byte, long>(memory)); break;
            case TypeCode.UInt64: WriteBody(writer, MemoryMarshal.Cast<byte, ulong>(memory)); break;
            case TypeCode.Single: WriteBody(writer, MemoryMarshal.Cast<byte, float>(memory)); break;
            case TypeCode.Double: WriteBody(writer, MemoryMarshal.Cast<byte, double>(memory)); break;
            default: WriteBody(writer, MemoryMarshal.Cast<byte, Half>(memory)); break;
        }
    }

    /// <summary>The raw memory of an array of primitives (any rank).</summary>
    public static ReadOnlySpan<byte> MemoryOf(Array array, Type element) =>
        MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(array), checked((int)(array.LongLength * PrimitiveArrays.ElementSize(element))));

    /// <summary>A writer for values of <paramref name="type"/>, a sequence of the primitive <paramref name="element"/>.</summary>
    public static Action<HashWriter, object> WriterFor(Type type, Type element)
    {
        var name = type.IsArray ? nameof(Sequence<int>.WriteArray)
            : typeof(List<>).MakeGenericType(element).IsAssignableFrom(type) ? nameof(Sequence<int>.WriteList)
            : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Memory<>) ? nameof(Sequence<int>.WriteMemory)
            : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ReadOnlyMemory<>) ? nameof(Sequence<int>.WriteReadOnlyMemory)
            : nameof(Sequence<int>.WriteEnumerable);
        return typeof(Sequence<>).MakeGenericType(element).GetMethod(name)!.CreateDelegate<Action<HashWriter, object>>();
    }

    /// <summary>Typed access to each kind of sequence, so elements are never boxed.</summary>
    private static class Sequence<T>
        where T : unmanaged
    {
        public static void WriteArray(HashWriter writer, object value) => WriteBody(writer, new ReadOnlySpan<T>((T[])value));

        public static void WriteList(HashWriter writer, object value) => WriteBody<T>(writer, CollectionsMarshal.AsSpan((List<T>)value));

        public static void WriteMemory(HashWriter writer, object value) => WriteBody<T>(writer, ((Memory<T>)value).Span);

        public static void WriteReadOnlyMemory(HashWriter writer, object value) => WriteBody(writer, ((ReadOnlyMemory<T>)value).Span);

        public static void WriteEnumerable(HashWriter writer, object value)
        {
            var items = (IEnumerable<T>)value;
            var buffer = ArrayPool<T>.Shared.Rent(items.TryGetNonEnumeratedCount(out var known) ? Math.Max(known, 16) : 16);
            var count = 0;
            try
            {
                foreach (var item in items)
                {
                    if (count == buffer.Length)
                    {
                        var larger = ArrayPool<T>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan().CopyTo(larger);
                        ArrayPool<T>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    buffer[count++] = item;
                }

                WriteBody(writer, new ReadOnlySpan<T>(buffer, 0, count));
            }
            finally
            {
                ArrayPool<T>.Shared.Return(buffer);
            }
        }
    }
}
