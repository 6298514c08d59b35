using System.Text.Json;
using Jug.Cloud.Encoding;

namespace Jug.Cloud.Storage;

/// <summary>
/// A batch of run records as one stored object: a UTF-8 JSON array inside the
/// <see cref="StoredObject"/> envelope. Providers that store a batch as one object use this.
/// </summary>
public static class RunRecordCodec
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Encodes a batch as a complete stored object.</summary>
    public static byte[] Encode(IReadOnlyList<RunRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var dtos = new Dto[records.Count];
        for (var i = 0; i < dtos.Length; i++)
        {
            var r = records[i];
            dtos[i] = new Dto(r.Key.ToString(), r.TaskName, r.Worker, r.Started, r.Duration.Ticks, r.Attempt, r.Succeeded);
        }

        return StoredObject.Wrap(CodecId.Json, 0, JsonSerializer.SerializeToUtf8Bytes(dtos, Json));
    }

    /// <summary>Decodes a stored batch; throws <see cref="CorruptObjectException"/> if it does not verify.</summary>
    public static RunRecord[] Decode(ReadOnlyMemory<byte> stored)
    {
        var (header, payload) = StoredObject.Open(stored);
        if (header.Codec != CodecId.Json)
        {
            throw new CorruptObjectException($"A run-log batch cannot use codec {header.Codec}.");
        }

        try
        {
            var dtos = JsonSerializer.Deserialize<Dto[]>(payload.Span, Json) ?? throw new CorruptObjectException("A run-log batch is empty.");
            return Array.ConvertAll(dtos, d => new RunRecord(TaskHash.Parse(d.Key), d.TaskName, d.Worker, d.Started, TimeSpan.FromTicks(d.DurationTicks), d.Attempt, d.Succeeded));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new CorruptObjectException("A run-log batch is not valid JSON.", e);
        }
    }

    private sealed record Dto(string Key, string TaskName, string Worker, DateTimeOffset Started, long DurationTicks, int Attempt, bool Succeeded);
}
