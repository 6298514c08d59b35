using System.Buffers;
using MessagePack;

namespace Jug.Cloud.Encoding;

/// <summary>Results that are not primitive arrays, stored with MessagePack (see <see cref="JugMessagePackOptions"/>).</summary>
internal static class MessagePackResults
{
    // Buffers that grew past this are dropped after use rather than kept per thread.
    private const int RetainedBufferLimit = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>The whole stored object: serialized into a reused buffer, then copied once into an exact-size array.</summary>
    public static byte[] Encode(object? value, Type declaredType)
    {
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(1024);
        t_buffer = null;
        try
        {
            MessagePackSerializer.Serialize(SerializedAs(declaredType), buffer, value, JugMessagePackOptions.Instance);
            var stored = GC.AllocateUninitializedArray<byte>(StoredObject.HeaderSize + buffer.WrittenCount);
            var payload = stored.AsSpan(StoredObject.HeaderSize);
            buffer.WrittenSpan.CopyTo(payload);
            StoredObject.WriteHeader(stored, CodecId.MessagePack, 0, payload);
            return stored;
        }
        catch (MessagePackSerializationException e)
        {
            throw new InvalidOperationException($"A {value?.GetType().FullName} result cannot be stored as {declaredType}: {Innermost(e).Message}", e);
        }
        finally
        {
            if (buffer.Capacity <= RetainedBufferLimit)
            {
                buffer.ResetWrittenCount();
                t_buffer = buffer;
            }
        }
    }

    public static object? Decode(ReadOnlyMemory<byte> payload, Type declaredType)
    {
        object? value;
        try
        {
            value = MessagePackSerializer.Deserialize(SerializedAs(declaredType), payload, JugMessagePackOptions.Instance);
        }
        catch (MessagePackSerializationException e)
        {
            throw new InvalidOperationException(
                $"A stored result cannot be read as {declaredType}: {Innermost(e).Message}. Was the task's return type changed without changing its version?", e);
        }

        if (value is not null && !declaredType.IsInstanceOfType(value))
        {
            throw new InvalidOperationException($"The stored result is a {value.GetType().FullName}, not a {declaredType}.");
        }

        return value;
    }

    /// <summary>
    /// The type MessagePack is told about. <c>object</c>, and interfaces or abstract classes other than
    /// the standard collections, go through as <c>object</c>: the runtime type's name is embedded
    /// (MessagePack Typeless), because nothing else could say what to create when reading it back.
    /// Primitives and strings carry no type name even then.
    /// </summary>
    private static Type SerializedAs(Type declaredType) =>
        declaredType == typeof(object)
        || (declaredType.IsAbstract && declaredType.Namespace?.StartsWith("System.Collections", StringComparison.Ordinal) != true)
            ? typeof(object)
            : declaredType;

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
