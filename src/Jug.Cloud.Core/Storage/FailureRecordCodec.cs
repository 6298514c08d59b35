using System.Text.Json;
using Jug.Cloud.Encoding;

namespace Jug.Cloud.Storage;

/// <summary>Failure records as stored objects: UTF-8 JSON inside the <see cref="StoredObject"/> envelope.</summary>
public static class FailureRecordCodec
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Encodes a record as a complete stored object.</summary>
    public static byte[] Encode(FailureRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var dto = new Dto(record.Key.ToString(), record.TaskName, record.ExceptionType, record.Message, record.StackTrace, record.Attempt, record.Worker, record.Time);
        return StoredObject.Wrap(CodecId.Json, 0, JsonSerializer.SerializeToUtf8Bytes(dto, Json));
    }

    /// <summary>Decodes a stored failure record; throws <see cref="CorruptObjectException"/> if it does not verify.</summary>
    public static FailureRecord Decode(ReadOnlyMemory<byte> stored)
    {
        var (header, payload) = StoredObject.Open(stored);
        if (header.Codec != CodecId.Json)
        {
            throw new CorruptObjectException($"A failure record cannot use codec {header.Codec}.");
        }

        try
        {
            var dto = JsonSerializer.Deserialize<Dto>(payload.Span, Json) ?? throw new CorruptObjectException("A failure record is empty.");
            return new FailureRecord(TaskHash.Parse(dto.Key), dto.TaskName, dto.ExceptionType, dto.Message, dto.StackTrace, dto.Attempt, dto.Worker, dto.Time);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new CorruptObjectException("A failure record is not valid JSON.", e);
        }
    }

    private sealed record Dto(string Key, string TaskName, string ExceptionType, string Message, string StackTrace, int Attempt, string Worker, DateTimeOffset Time);
}
