using System.Security.Cryptography;
using System.Text.Json;
using Jug.Cloud.Encoding;

namespace Jug.Cloud.Storage;

/// <summary>
/// Worker status records as stored objects: UTF-8 JSON inside the <see cref="StoredObject"/> envelope,
/// and the safe name each provider files a record under.
/// </summary>
public static class WorkerStatusCodec
{
    /// <summary>Length of <see cref="ObjectName"/>: 32 hex digits, the first 16 bytes of a SHA-256.</summary>
    public const int ObjectNameLength = 32;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>
    /// The name a worker's record is stored under (a file name, an object or key suffix): lower-case hex
    /// of the first 16 bytes of the SHA-256 of its UTF-8 name. Worker names are free text (slashes,
    /// colons, spaces); this is safe everywhere and the same for the same name in every process. The
    /// real name is kept inside the record.
    /// </summary>
    /// <exception cref="ArgumentException">The worker name is null or empty.</exception>
    public static string ObjectName(string worker)
    {
        ArgumentException.ThrowIfNullOrEmpty(worker);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(worker), digest);
        return Convert.ToHexStringLower(digest[..(ObjectNameLength / 2)]);
    }

    /// <summary>Encodes a record as a complete stored object.</summary>
    /// <exception cref="ArgumentException">The worker name is null or empty.</exception>
    public static byte[] Encode(WorkerStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentException.ThrowIfNullOrEmpty(status.Worker);
        var running = new TaskDto[status.Running.Count];
        for (var i = 0; i < running.Length; i++)
        {
            var task = status.Running[i];
            running[i] = new TaskDto(task.Key.ToString(), task.TaskName, task.Started);
        }

        var dto = new Dto(
            status.Worker, status.Host, status.ProcessId, status.Started, status.Updated, status.ExpiresAt,
            status.Slots, [.. status.Tags], running, status.TasksDone, status.StoreReads);
        return StoredObject.Wrap(CodecId.Json, 0, JsonSerializer.SerializeToUtf8Bytes(dto, Json));
    }

    /// <summary>Decodes a stored record; throws <see cref="CorruptObjectException"/> if it does not verify.</summary>
    public static WorkerStatus Decode(ReadOnlyMemory<byte> stored)
    {
        var (header, payload) = StoredObject.Open(stored);
        if (header.Codec != CodecId.Json)
        {
            throw new CorruptObjectException($"A worker status record cannot use codec {header.Codec}.");
        }

        try
        {
            var dto = JsonSerializer.Deserialize<Dto>(payload.Span, Json);
            if (dto is null || string.IsNullOrEmpty(dto.Worker) || dto.Host is null || dto.Tags is null || dto.Running is null)
            {
                throw new CorruptObjectException("A worker status record is empty or incomplete.");
            }

            var running = Array.ConvertAll(dto.Running, t => new WorkerTask(TaskHash.Parse(t.Key), t.TaskName, t.Started));
            return new WorkerStatus(
                dto.Worker, dto.Host, dto.ProcessId, dto.Started, dto.Updated, dto.ExpiresAt,
                dto.Slots, dto.Tags, running, dto.TasksDone, dto.StoreReads);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new CorruptObjectException("A worker status record is not valid JSON.", e);
        }
    }

    /// <summary>Decodes a stored record, or null if it does not verify: what listings use to skip damaged records.</summary>
    public static WorkerStatus? TryDecode(ReadOnlyMemory<byte> stored)
    {
        try
        {
            return Decode(stored);
        }
        catch (CorruptObjectException)
        {
            return null;
        }
    }

    private sealed record Dto(
        string Worker, string Host, int ProcessId, DateTimeOffset Started, DateTimeOffset Updated, DateTimeOffset ExpiresAt,
        int Slots, string[] Tags, TaskDto[] Running, long TasksDone, long StoreReads);

    private sealed record TaskDto(string Key, string TaskName, DateTimeOffset Started);
}
