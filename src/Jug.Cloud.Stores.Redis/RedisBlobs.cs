using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Redis;

/// <summary>
/// Writes and reads stored objects of any size. Small ones are one SET / one round trip. Large ones are
/// written in chunks to a temporary key and renamed into place (readers see the old object or the new
/// one, never a part), and read in chunks straight into the result array, so a 100 MB result is held
/// once by the caller and once more only chunk by chunk.
/// </summary>
internal sealed class RedisBlobs(RedisShards shards, RedisKeys keys, RedisRetry retry, int chunkSize, string displayName)
{
    /// <summary>A temporary key left by a writer that died expires after this long.</summary>
    private static readonly TimeSpan TemporaryLifetime = TimeSpan.FromHours(1);

    private const int WriteAttempts = 3;

    // Writes a chunk only where the previous one ended: if a server restart lost the tail of the
    // temporary key, the length no longer matches and the write starts over, so a gap can never be
    // renamed into place. A chunk already there (a retried call whose reply was lost) counts as written.
    private const string ChunkScript = """
        local n = redis.call('STRLEN', KEYS[1])
        local offset = tonumber(ARGV[1])
        if n == offset then
          redis.call('SETRANGE', KEYS[1], offset, ARGV[2])
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
          return 1
        end
        if n == offset + string.len(ARGV[2]) then return 1 end
        return 0
        """;

    // Renames a complete temporary key into place and drops its expiry, in one step.
    private const string CommitScript = """
        if redis.call('STRLEN', KEYS[1]) ~= tonumber(ARGV[1]) then return 0 end
        redis.call('RENAME', KEYS[1], KEYS[2])
        redis.call('PERSIST', KEYS[2])
        return 1
        """;

    public bool IsLarge(int length) => length > chunkSize;

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing what is there.</summary>
    public async Task WriteAsync(RedisKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        if (!IsLarge(value.Length))
        {
            await retry.RunAsync(() => shards.For(key).StringSetAsync(key, value), cancellationToken);
            return;
        }

        for (var attempt = 0; attempt < WriteAttempts; attempt++)
        {
            if (await TryWriteChunkedAsync(key, value, cancellationToken))
            {
                return;
            }
        }

        throw new JugStoreException($"The Redis store {displayName} lost a large value while it was being written, {WriteAttempts} times.");
    }

    /// <summary>Reads the value under <paramref name="key"/>: null if absent; a verified stored object; or throws <see cref="CorruptObjectException"/>.</summary>
    public async Task<byte[]?> ReadStoredObjectAsync(RedisKey key, string what, CancellationToken cancellationToken)
    {
        // A value replaced while it is read in chunks mixes two objects; its checksum fails, so read again.
        for (var attempt = 0; ; attempt++)
        {
            var (value, chunked) = await ReadAsync(key, cancellationToken);
            if (value is null || StoredObject.IsValid(value))
            {
                return value;
            }

            if (!chunked || attempt == 2)
            {
                throw new CorruptObjectException($"The stored {what} in {displayName} is corrupt or truncated.");
            }
        }
    }

    private async Task<bool> TryWriteChunkedAsync(RedisKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var temporary = keys.NewTemporary(key);
        var database = shards.For(key);
        var lifetime = (long)TemporaryLifetime.TotalMilliseconds;
        for (var offset = 0; offset < value.Length; offset += chunkSize)
        {
            var chunk = value.Slice(offset, Math.Min(chunkSize, value.Length - offset));
            var written = await retry.RunAsync(
                () => database.ScriptEvaluateAsync(ChunkScript, [temporary], [offset, chunk, lifetime]),
                cancellationToken);
            if ((int)written != 1)
            {
                return false;
            }
        }

        var committed = await retry.RunAsync(
            () => database.ScriptEvaluateAsync(CommitScript, [temporary, key], [value.Length]),
            cancellationToken);

        // 0: the temporary is gone — lost in a restart, or moved by an earlier try whose reply was lost.
        // Writing again is correct either way.
        return (int)committed == 1;
    }

    private async Task<(byte[]? Value, bool Chunked)> ReadAsync(RedisKey key, CancellationToken cancellationToken)
    {
        var database = shards.For(key);
        var (length, first) = await retry.RunAsync(
            async () =>
            {
                var batch = database.CreateBatch();
                var lengthTask = batch.StringLengthAsync(key);
                var firstTask = batch.StringGetRangeAsync(key, 0, chunkSize - 1);
                batch.Execute();
                return (await lengthTask, await firstTask);
            },
            cancellationToken);

        var firstBytes = (ReadOnlyMemory<byte>)first;
        if (firstBytes.Length == 0)
        {
            // GETRANGE gives "" for a missing key and for an empty value (which is corrupt, not absent).
            var exists = await retry.RunAsync(() => database.KeyExistsAsync(key), cancellationToken);
            return (exists ? [] : null, false);
        }

        if (length <= chunkSize)
        {
            // The two reads are pipelined, not atomic: a length that disagrees means it changed meanwhile.
            return ((byte[])first!, firstBytes.Length != length);
        }

        var result = new byte[length];
        firstBytes.Span[..Math.Min(firstBytes.Length, result.Length)].CopyTo(result);
        var filled = firstBytes.Length;
        while (filled < length)
        {
            var start = filled;
            var chunk = (ReadOnlyMemory<byte>)await retry.RunAsync(
                () => database.StringGetRangeAsync(key, start, start + chunkSize - 1),
                cancellationToken);
            if (chunk.Length == 0)
            {
                break; // replaced by a shorter value (or removed) meanwhile: the checksum decides
            }

            chunk.Span[..Math.Min(chunk.Length, result.Length - filled)].CopyTo(result.AsSpan(filled));
            filled += chunk.Length;
        }

        return (result, length > chunkSize);
    }
}
