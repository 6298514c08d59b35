using Jug.Cloud.Storage;

namespace Jug.Cloud.Encoding;

/// <summary>
/// Encodes task results as stored objects (<see cref="StoredObject"/>) and decodes them as the type the
/// producing method declared.
/// </summary>
/// <remarks>
/// <para>One-dimensional arrays of primitives (<c>bool</c>, integers, <c>char</c>, <c>float</c>,
/// <c>double</c>, <c>Half</c>) are stored as raw little-endian memory (<see cref="CodecId.RawArray"/>),
/// bit-exact, copied once. They read back as the same <c>T[]</c>, or through <c>object</c>,
/// <c>IReadOnlyList&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c> and the like; never as another element type.</para>
/// <para>Everything else is MessagePack (<see cref="CodecId.MessagePack"/>), contractless: records
/// (positional or with init properties), classes with public properties (private setters honoured),
/// tuples, lists, dictionaries with any key type, sets, enums, <c>decimal</c>, <c>Guid</c>,
/// <c>DateTime</c> (kind preserved). No type names are stored for a concrete declared type. A result
/// declared as <c>object</c> (or a non-collection interface or abstract class) carries its runtime
/// type's name, so it reads back as what was returned.</para>
/// <para>Trust: the store is the project's own and is read with MessagePack's trusted-data settings.
/// Corruption is caught by the stored object's checksum; but anyone who can write to the store can
/// substitute results, and for results declared as <c>object</c> can name the type to create (within
/// MessagePack's list of disallowed types). Do not point a run at a store you do not trust.</para>
/// </remarks>
public static class ResultCodec
{
    /// <summary>Encodes <paramref name="value"/>, declared as <paramref name="declaredType"/>, as a complete stored object.</summary>
    /// <exception cref="InvalidOperationException">The value cannot be serialized.</exception>
    /// <exception cref="PlatformNotSupportedException">The machine is big-endian.</exception>
    public static byte[] Encode(object? value, Type declaredType)
    {
        ArgumentNullException.ThrowIfNull(declaredType);
        return RawArrays.TryGetElement(value, out var element)
            ? RawArrays.Encode((Array)value!, element)
            : MessagePackResults.Encode(value, declaredType);
    }

    /// <summary>Encodes a value of a statically known type.</summary>
    public static byte[] Encode<T>(T value) => Encode(value, typeof(T));

    /// <summary>Decodes a stored object as <paramref name="declaredType"/>.</summary>
    /// <exception cref="CorruptObjectException">The object is truncated, altered or not a stored object.</exception>
    /// <exception cref="InvalidOperationException">The object is intact but holds something that is not a <paramref name="declaredType"/>.</exception>
    public static object? Decode(ReadOnlyMemory<byte> stored, Type declaredType)
    {
        ArgumentNullException.ThrowIfNull(declaredType);
        var (header, payload) = StoredObject.Open(stored);
        return header.Codec switch
        {
            CodecId.RawArray => RawArrays.Decode(header.ElementType, payload.Span, declaredType),
            CodecId.MessagePack => MessagePackResults.Decode(payload, declaredType),
            _ => throw new CorruptObjectException($"A result object cannot use codec {header.Codec}."),
        };
    }

    /// <summary>Decodes a stored object as <typeparamref name="T"/>.</summary>
    /// <exception cref="CorruptObjectException">The object is truncated, altered or not a stored object.</exception>
    /// <exception cref="InvalidOperationException">The object holds something that is not a <typeparamref name="T"/>.</exception>
    public static T Decode<T>(ReadOnlyMemory<byte> stored) => (T)Decode(stored, typeof(T))!;
}
