using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Redis;

/// <summary>
/// SCAN over a key pattern on every primary (each cluster node, each shard), in pages, for listing.
/// A fault mid-scan restarts it from the beginning; keys are handed out once.
/// </summary>
internal static class RedisScan
{
    private const int PageSize = 1000;

    public static async IAsyncEnumerable<RedisKey[]> PagesAsync(
        RedisShards shards,
        RedisValue pattern,
        RedisRetry retry,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // SCAN cursors survive neither a reconnect nor a restart: gather the keys (64-byte names, so a
        // million keys is tens of MB) under retry, then hand them out in pages.
        var all = await retry.RunAsync(
            async () =>
            {
                // A key is seen twice if a cluster slot moves mid-scan or one node is known by two names.
                var found = new HashSet<RedisKey>();
                foreach (var server in shards.Primaries())
                {
                    await foreach (var key in server.KeysAsync(shards.DatabaseNumber, pattern, PageSize).WithCancellation(cancellationToken))
                    {
                        found.Add(key);
                    }
                }

                return found.ToArray();
            },
            cancellationToken);

        for (var start = 0; start < all.Length; start += PageSize)
        {
            yield return all[start..Math.Min(all.Length, start + PageSize)];
        }
    }
}
