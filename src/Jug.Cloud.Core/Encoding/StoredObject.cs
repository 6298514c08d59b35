using System.Buffers.Binary;
using System.IO.Hashing;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Encoding;

/// <summary>The codec that produced a stored object's payload.</summary>
public enum CodecId : byte
{
    /// <summary>A primitive array as raw little-endian bytes; <see cref="StoredObjectHeader.ElementType"/> says which.</summary>
    RawArray = 1,

    /// <summary>The general serializer (MessagePack, contractless).</summary>
    MessagePack = 2,

    /// <summary>UTF-8 JSON (failure records and other metadata).</summary>
    Json = 3,

    /// <summary>Opaque bytes (bundles).</summary>
    Bytes = 4,
}

/// <summary>The fixed-size header in front of every stored object.</summary>
/// <param name="Codec">How the payload is encoded.</param>
/// <param name="ElementType">For <see cref="CodecId.RawArray"/>, the primitive element type code; 0 otherwise.</param>
/// <param name="PayloadLength">Payload length in bytes.</param>
/// <param name="Checksum">XxHash3 (64-bit) of the payload, seeded with header bytes 4–7 (format version 2).</param>
public readonly record struct StoredObjectHeader(CodecId Codec, byte ElementType, long PayloadLength, ulong Checksum);

/// <summary>
/// The envelope of every stored object: magic <c>JUGC</c>, format version, codec, element type,
/// payload length and a 64-bit checksum, then the payload. A truncated or altered object fails
/// <see cref="Open"/> with <see cref="CorruptObjectException"/>; it is never read as a value.
/// </summary>
/// <remarks>
/// Layout (little-endian): bytes 0–3 magic "JUGC"; 4 format version (2); 5 codec; 6 element type;
/// 7 reserved (0); 8–15 payload length; 16–23 XxHash3 of the payload seeded with bytes 4–7; 24… payload.
/// The seed makes the checksum cover the version, codec and element type too: a flipped bit there
/// would otherwise decode the payload another way, or go unnoticed. (The length is checked against
/// the object's size, the magic against its constant.) Version 1 objects, whose checksum covers the
/// payload alone, are still read; their codec, element type and reserved byte are checked for
/// consistency instead.
/// </remarks>
public static class StoredObject
{
    /// <summary>Size of the header in bytes.</summary>
    public const int HeaderSize = 24;

    /// <summary>The current format version.</summary>
    public const byte FormatVersion = 2;

    /// <summary>The version whose checksum covers the payload alone, still read.</summary>
    private const byte UnseededVersion = 1;

    private const uint Magic = 0x43_47_55_4A; // "JUGC" read little-endian

    /// <summary>Writes a header for <paramref name="payload"/> into the first <see cref="HeaderSize"/> bytes of <paramref name="destination"/>.</summary>
    public static void WriteHeader(Span<byte> destination, CodecId codec, byte elementType, ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Magic);
        destination[4] = FormatVersion;
        destination[5] = (byte)codec;
        destination[6] = elementType;
        destination[7] = 0;
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], payload.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], XxHash3.HashToUInt64(payload, Seed(destination)));
    }

    /// <summary>Wraps a payload in a new array with its header.</summary>
    public static byte[] Wrap(CodecId codec, byte elementType, ReadOnlySpan<byte> payload)
    {
        var result = new byte[HeaderSize + payload.Length];
        payload.CopyTo(result.AsSpan(HeaderSize));
        WriteHeader(result, codec, elementType, payload);
        return result;
    }

    /// <summary>Reads and checks the header only (no checksum); throws <see cref="CorruptObjectException"/> if malformed.</summary>
    public static StoredObjectHeader ReadHeader(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderSize)
        {
            throw new CorruptObjectException($"Stored object is {data.Length} bytes, shorter than its {HeaderSize}-byte header.");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(data) != Magic)
        {
            throw new CorruptObjectException("Stored object does not start with the JUGC magic.");
        }

        if (data[4] is not (FormatVersion or UnseededVersion))
        {
            throw new CorruptObjectException($"Stored object has format version {data[4]}; this build reads versions {UnseededVersion} and {FormatVersion}.");
        }

        var codec = (CodecId)data[5];
        if (!Enum.IsDefined(codec))
        {
            throw new CorruptObjectException($"Stored object names unknown codec {data[5]}.");
        }

        if (data[7] != 0 || (codec != CodecId.RawArray && data[6] != 0))
        {
            throw new CorruptObjectException("Stored object's header has bytes set that its format keeps zero.");
        }

        var length = BinaryPrimitives.ReadInt64LittleEndian(data[8..]);
        if (length < 0)
        {
            throw new CorruptObjectException($"Stored object declares a negative payload length ({length}).");
        }

        return new StoredObjectHeader(codec, data[6], length, BinaryPrimitives.ReadUInt64LittleEndian(data[16..]));
    }

    /// <summary>
    /// Verifies header, length and checksum and returns the header and payload.
    /// Throws <see cref="CorruptObjectException"/> if anything does not match.
    /// </summary>
    public static (StoredObjectHeader Header, ReadOnlyMemory<byte> Payload) Open(ReadOnlyMemory<byte> data)
    {
        var header = ReadHeader(data.Span);
        if (header.PayloadLength != data.Length - HeaderSize)
        {
            throw new CorruptObjectException(
                $"Stored object declares {header.PayloadLength} payload bytes but holds {data.Length - HeaderSize} (truncated or padded).");
        }

        var payload = data[HeaderSize..];
        if (XxHash3.HashToUInt64(payload.Span, Seed(data.Span)) != header.Checksum)
        {
            throw new CorruptObjectException("Stored object checksum does not match its payload.");
        }

        return (header, payload);
    }

    /// <summary>True if <paramref name="data"/> is a complete, uncorrupted stored object.</summary>
    public static bool IsValid(ReadOnlySpan<byte> data)
    {
        try
        {
            var header = ReadHeader(data);
            return header.PayloadLength == data.Length - HeaderSize
                && XxHash3.HashToUInt64(data[HeaderSize..], Seed(data)) == header.Checksum;
        }
        catch (CorruptObjectException)
        {
            return false;
        }
    }

    /// <summary>The checksum's seed: header bytes 4–7 (version, codec, element type, reserved); 0 for version 1.</summary>
    private static long Seed(ReadOnlySpan<byte> header) =>
        header[4] == UnseededVersion ? 0 : BinaryPrimitives.ReadUInt32LittleEndian(header[4..8]);
}
