using System.Runtime.CompilerServices;
using Jug.Cloud.Storage;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Redis;

/// <summary>
/// Worker status records as string keys <c>w:&lt;name&gt;</c> (the name is
/// <see cref="WorkerStatusCodec.ObjectName"/> of the worker), each with a server TTL that ends
/// <see cref="WorkerStatus.ListedAfterExpiry"/> after the record's expiry, so the records of workers that
/// died vanish by themselves. Listing also leaves out records gone by the store's clock, which the
/// server's TTL cannot follow when it is a test's fake clock.
/// </summary>
internal sealed class RedisWorkers(RedisShards shards, RedisKeys keys, RedisRetry retry, TimeProvider time) : IWorkerStatusStore
{
    // A record written already long expired (a clock far behind) still lives this long on the server.
    private static readonly TimeSpan MinimumTtl = TimeSpan.FromSeconds(1);

    public async ValueTask PutWorkerStatusAsync(WorkerStatus status, CancellationToken cancellationToken = default)
    {
        var encoded = WorkerStatusCodec.Encode(status);
        var ttl = status.ExpiresAt + WorkerStatus.ListedAfterExpiry - time.GetUtcNow();
        var key = keys.Worker(status.Worker);
        await retry.RunAsync(() => shards.For(key).StringSetAsync(key, encoded, ttl > MinimumTtl ? ttl : MinimumTtl), cancellationToken);
    }

    public async ValueTask<bool> RemoveWorkerStatusAsync(string worker, CancellationToken cancellationToken = default)
    {
        var key = keys.Worker(worker);
        return await retry.RunAsync(() => shards.For(key).KeyDeleteAsync(key), cancellationToken);
    }

    public async IAsyncEnumerable<WorkerStatus> ListWorkerStatusesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await foreach (var page in RedisScan.PagesAsync(shards, keys.Pattern(RedisKeys.WorkerTag), retry, cancellationToken))
        {
            var values = await retry.RunAsync(() => shards.GetManyAsync(page), cancellationToken);
            foreach (var value in values)
            {
                // A key that expired between the scan and the read is null.
                if (!value.IsNull && WorkerStatusCodec.TryDecode((byte[])value!) is { } status && !status.IsGone(now))
                {
                    yield return status;
                }
            }
        }
    }
}
