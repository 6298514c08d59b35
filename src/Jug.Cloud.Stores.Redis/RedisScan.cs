using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Redis;

/// <summary>
/// SCAN over a key pattern in pages, for listing. A fault mid-scan restarts it from the beginning,
/// so keys may then be seen twice; callers that promise distinct keys remove repeats.
/// </summary>
internal static class RedisScan
{
    private const int PageSize = 1000;

    public static async IAsyncEnumerable<RedisKey[]> PagesAsync(
        IServer server,
        int database,
        RedisValue pattern,
        RedisRetry retry,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // SCAN cursors survive neither a reconnect nor a restart: gather the keys (64-byte names, so a
        // million keys is tens of MB) under retry, then hand them out in pages.
        var all = await retry.RunAsync(
            async () =>
            {
                var found = new HashSet<RedisKey>();
                await foreach (var key in server.KeysAsync(database, pattern, PageSize).WithCancellation(cancellationToken))
                {
                    found.Add(key);
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
