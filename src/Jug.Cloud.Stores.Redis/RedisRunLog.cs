using System.Runtime.CompilerServices;
using Jug.Cloud.Storage;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Redis;

/// <summary>
/// The run log as one Redis hash: field = a batch id chosen by the writer, value = the batch
/// (<see cref="RunRecordCodec"/>). A batch id makes an append safe to retry: writing the same field
/// twice stores the batch once, where a list push would record the runs twice.
/// </summary>
/// <remarks>The log is one key, so it lives on one shard or cluster node; clearing renames it to a temporary on that same one.</remarks>
internal sealed class RedisRunLog(RedisShards shards, RedisKeys keys, RedisRetry retry)
{
    private IDatabase Database => shards.For(keys.Runs);

    private const int PageSize = 100;

    // Moves the log aside in one step, so batches appended meanwhile start a fresh log; running it
    // again after a lost reply finds the log already moved.
    private const string DetachScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('RENAME', KEYS[1], KEYS[2]) end
        return redis.call('EXISTS', KEYS[2])
        """;

    public async Task AppendAsync(IReadOnlyList<RunRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        var batch = RunRecordCodec.Encode(records);
        var field = $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():n}";
        await retry.RunAsync(() => Database.HashSetAsync(keys.Runs, field, batch), cancellationToken);
    }

    /// <remarks>A batch that does not verify is left out.</remarks>
    public async IAsyncEnumerable<RunRecord> ListAsync(RedisKey log, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Field names first (small), then the batches page by page: each step can be retried on its own.
        var fields = await retry.RunAsync(() => Database.HashKeysAsync(log), cancellationToken);
        for (var start = 0; start < fields.Length; start += PageSize)
        {
            var page = fields[start..Math.Min(fields.Length, start + PageSize)];
            var batches = await retry.RunAsync(() => Database.HashGetAsync(log, page), cancellationToken);
            foreach (var batch in batches)
            {
                foreach (var record in Decode(batch))
                {
                    yield return record;
                }
            }
        }
    }

    public async Task<int> ClearAsync(CancellationToken cancellationToken)
    {
        var detached = keys.NewTemporary(keys.Runs);
        var moved = await retry.RunAsync(() => Database.ScriptEvaluateAsync(DetachScript, [keys.Runs, detached]), cancellationToken);
        if ((int)moved == 0)
        {
            return 0;
        }

        var removed = 0;
        await foreach (var _ in ListAsync(detached, cancellationToken))
        {
            removed++;
        }

        await retry.RunAsync(() => Database.KeyDeleteAsync(detached), cancellationToken);
        return removed;
    }

    private static RunRecord[] Decode(RedisValue batch)
    {
        try
        {
            return batch.IsNull ? [] : RunRecordCodec.Decode((byte[])batch!);
        }
        catch (CorruptObjectException)
        {
            return [];
        }
    }
}
