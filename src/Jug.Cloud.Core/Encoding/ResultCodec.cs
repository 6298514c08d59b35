using System.Buffers;
using System.Runtime.InteropServices;
using Jug.Cloud.Hashing;
using Jug.Cloud.Storage;
using MessagePack;
using MessagePack.Resolvers;

namespace Jug.Cloud.Encoding;

/// <summary>
/// Encodes results as stored objects. Arrays of primitives are stored as raw little-endian bytes
/// (one copy, no serializer); everything else with MessagePack's contractless resolver, which needs no
/// attributes on user types (records, classes with public properties, tuples, lists, dictionaries).
/// </summary>
/// <remarks>
/// Values are decoded as the type the producing method declared, so no type names are stored. A
/// method declared to return <c>object</c> gets back what MessagePack makes of the value without a
/// type (primitives, lists, maps). The store holds only what workers wrote, so the serializer runs
/// with MessagePack's trusted-data settings.
/// </remarks>
public static class ResultCodec
{
    private static readonly MessagePackSerializerOptions Options =
        MessagePackSerializerOptions.Standard.WithResolver(ContractlessStandardResolverAllowPrivate.Instance);

    static ResultCodec()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Jug.Cloud stores raw arrays little-endian and runs only on little-endian machines.");
        }
    }

    /// <summary>Encodes <paramref name="value"/> (declared as <paramref name="declaredType"/>) as a complete stored object.</summary>
    public static byte[] Encode(object? value, Type declaredType)
    {
        ArgumentNullException.ThrowIfNull(declaredType);
        if (value is Array array && array.Rank == 1 && array.GetType().GetElementType() is { } element && PrimitiveArrays.IsPrimitive(element))
        {
            var payload = MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(array), checked(array.Length * PrimitiveArrays.ElementSize(element)));
            var stored = GC.AllocateUninitializedArray<byte>(StoredObject.HeaderSize + payload.Length);
            payload.CopyTo(stored.AsSpan(StoredObject.HeaderSize));
            StoredObject.WriteHeader(stored, CodecId.RawArray, PrimitiveArrays.Code(element), stored.AsSpan(StoredObject.HeaderSize));
            return stored;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Advance(StoredObject.HeaderSize);
        var type = value is not null && declaredType == typeof(object) ? value.GetType() : declaredType;
        MessagePackSerializer.Serialize(type, buffer, value, Options);
        var result = buffer.WrittenSpan.ToArray();
        StoredObject.WriteHeader(result, CodecId.MessagePack, 0, result.AsSpan(StoredObject.HeaderSize));
        return result;
    }

    /// <summary>Encodes a value of a known type.</summary>
    public static byte[] Encode<T>(T value) => Encode(value, typeof(T));

    /// <summary>
    /// Decodes a stored object as <paramref name="declaredType"/>.
    /// Throws <see cref="CorruptObjectException"/> if the object does not verify.
    /// </summary>
    public static object? Decode(ReadOnlyMemory<byte> stored, Type declaredType)
    {
        ArgumentNullException.ThrowIfNull(declaredType);
        var (header, payload) = StoredObject.Open(stored);
        switch (header.Codec)
        {
            case CodecId.RawArray:
                return DecodeRaw(header.ElementType, payload.Span, declaredType);
            case CodecId.MessagePack:
                try
                {
                    return MessagePackSerializer.Deserialize(declaredType, payload, Options);
                }
                catch (MessagePackSerializationException e)
                {
                    throw new InvalidOperationException($"A stored result cannot be read as {declaredType.Name}: {e.Message}", e);
                }

            default:
                throw new CorruptObjectException($"A result object cannot use codec {header.Codec}.");
        }
    }

    /// <summary>Decodes a stored object as <typeparamref name="T"/>.</summary>
    public static T Decode<T>(ReadOnlyMemory<byte> stored) => (T)Decode(stored, typeof(T))!;

    private static Array DecodeRaw(byte code, ReadOnlySpan<byte> payload, Type declaredType)
    {
        var element = PrimitiveArrays.TypeOf(code) ?? throw new CorruptObjectException($"Raw array object names unknown element type {code}.");
        var size = PrimitiveArrays.ElementSize(element);
        if (payload.Length % size != 0)
        {
            throw new CorruptObjectException($"Raw {element.Name} array payload of {payload.Length} bytes is not a whole number of elements.");
        }

        var array = Array.CreateInstance(element, payload.Length / size);
        if (!declaredType.IsAssignableFrom(array.GetType()))
        {
            throw new InvalidOperationException($"A stored {element.Name}[] cannot be read as {declaredType.Name}.");
        }

        payload.CopyTo(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), payload.Length));
        return array;
    }
}
