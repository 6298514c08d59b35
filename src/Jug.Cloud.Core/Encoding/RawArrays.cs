using System.Runtime.InteropServices;
using Jug.Cloud.Hashing;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Encoding;

/// <summary>Arrays of primitives stored as their raw little-endian memory: one copy each way, no serializer.</summary>
internal static class RawArrays
{
    /// <summary>True if <paramref name="value"/> is a one-dimensional array of a primitive element type.</summary>
    public static bool TryGetElement(object? value, out Type element)
    {
        element = typeof(void);
        if (value is not Array array || !array.GetType().IsSZArray)
        {
            return false;
        }

        element = array.GetType().GetElementType()!;
        return PrimitiveArrays.IsPrimitive(element);
    }

    /// <summary>The whole stored object: header, then the array's memory copied once into place.</summary>
    public static byte[] Encode(Array array, Type element)
    {
        EnsureLittleEndian();
        var payload = MemoryOf(array, element);
        var stored = GC.AllocateUninitializedArray<byte>(StoredObject.HeaderSize + payload.Length);
        var destination = stored.AsSpan(StoredObject.HeaderSize);
        payload.CopyTo(destination);
        StoredObject.WriteHeader(stored, CodecId.RawArray, PrimitiveArrays.Code(element), destination);
        return stored;
    }

    /// <summary>Reads a raw payload as <paramref name="declaredType"/>, which must accept an array of exactly the stored element type.</summary>
    public static Array Decode(byte code, ReadOnlySpan<byte> payload, Type declaredType)
    {
        EnsureLittleEndian();
        var element = PrimitiveArrays.TypeOf(code)
            ?? throw new CorruptObjectException($"Raw array object names unknown element type {code}.");
        var size = PrimitiveArrays.ElementSize(element);
        if (payload.Length % size != 0)
        {
            throw new CorruptObjectException($"Raw {element.Name} array payload of {payload.Length} bytes is not a whole number of elements.");
        }

        // The runtime lets an int[] pass as a uint[] (same size), so compare element types, not just assignability.
        var arrayType = element.MakeArrayType();
        var declaredElement = DeclaredElement(declaredType);
        if (!declaredType.IsAssignableFrom(arrayType) || (declaredElement is not null && declaredElement != element))
        {
            throw new InvalidOperationException(
                $"The stored result is a {element.Name}[] and cannot be read as {declaredType}; was the task's return type changed without changing its version?");
        }

        var array = Array.CreateInstanceFromArrayType(arrayType, payload.Length / size);
        payload.CopyTo(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), payload.Length));
        return array;
    }

    private static ReadOnlySpan<byte> MemoryOf(Array array, Type element) =>
        MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(array), checked(array.Length * PrimitiveArrays.ElementSize(element)));

    private static Type? DeclaredElement(Type declaredType) =>
        declaredType.IsArray ? declaredType.GetElementType()
        : declaredType.IsGenericType && declaredType.GetGenericArguments().Length == 1 ? declaredType.GetGenericArguments()[0]
        : null;

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Jug.Cloud stores raw arrays little-endian and runs only on little-endian machines.");
        }
    }
}
