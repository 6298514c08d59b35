using System.Runtime.CompilerServices;
using Jug.Cloud.Storage;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Redis;

/// <summary>
/// Claims as string keys <c>c:&lt;hash&gt;</c> holding "expiry-in-unix-ms owner". Every check-and-set runs
/// as one Lua script, so it is atomic on the server. Expiry is judged against the store's
/// <see cref="TimeProvider"/>, passed in as "now": a server TTL cannot follow a test's fake clock, and
/// clients agreeing on time is what every claim store assumes. Each key also gets a server TTL a day
/// past its expiry, so claims of processes that died are eventually removed. Listing scans every
/// primary of <see cref="RedisShards"/>.
/// </summary>
internal sealed class RedisClaims(RedisShards shards, RedisKeys keys, RedisRetry retry, TimeProvider time) : IClaimStore
{
    private static readonly TimeSpan ServerGrace = TimeSpan.FromDays(1);

    // Takes the claim unless another owner holds one that has not expired; the holder re-claiming renews.
    private const string ClaimScript = """
        local v = redis.call('GET', KEYS[1])
        if v then
          local space = string.find(v, ' ', 1, true)
          if space and tonumber(string.sub(v, 1, space - 1)) > tonumber(ARGV[2]) and string.sub(v, space + 1) ~= ARGV[1] then
            return 0
          end
        end
        redis.call('SET', KEYS[1], ARGV[3] .. ' ' .. ARGV[1], 'PX', ARGV[4])
        return 1
        """;

    private const string RenewScript = """
        local v = redis.call('GET', KEYS[1])
        if not v then return 0 end
        local space = string.find(v, ' ', 1, true)
        if not space or string.sub(v, space + 1) ~= ARGV[1] then return 0 end
        redis.call('SET', KEYS[1], ARGV[2] .. ' ' .. ARGV[1], 'PX', ARGV[3])
        return 1
        """;

    private const string ReleaseScript = """
        local v = redis.call('GET', KEYS[1])
        if not v then return 0 end
        local space = string.find(v, ' ', 1, true)
        if not space or string.sub(v, space + 1) ~= ARGV[1] then return 0 end
        redis.call('DEL', KEYS[1])
        return 1
        """;

    /// <remarks>A retry after a lost reply is safe: the script then finds the caller's own claim and renews it.</remarks>
    public async ValueTask<bool> TryClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var now = time.GetUtcNow();
        var claim = keys.Claim(key);
        var result = await retry.RunAsync(
            () => shards.For(claim).ScriptEvaluateAsync(
                ClaimScript,
                [claim],
                [owner, now.ToUnixTimeMilliseconds(), (now + timeToLive).ToUnixTimeMilliseconds(), ServerTtl(timeToLive)]),
            cancellationToken);
        return (int)result == 1;
    }

    public async ValueTask<bool> RenewClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var expires = (time.GetUtcNow() + timeToLive).ToUnixTimeMilliseconds();
        var claim = keys.Claim(key);
        var result = await retry.RunAsync(
            () => shards.For(claim).ScriptEvaluateAsync(RenewScript, [claim], [owner, expires, ServerTtl(timeToLive)]),
            cancellationToken);
        return (int)result == 1;
    }

    /// <remarks>If the reply to a release is lost and the call retried, the retry answers false: the claim is gone either way.</remarks>
    public async ValueTask<bool> ReleaseClaimAsync(TaskHash key, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var claim = keys.Claim(key);
        var result = await retry.RunAsync(
            () => shards.For(claim).ScriptEvaluateAsync(ReleaseScript, [claim], [owner]),
            cancellationToken);
        return (int)result == 1;
    }

    public async ValueTask<bool> BreakClaimAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        var claim = keys.Claim(key);
        return await retry.RunAsync(() => shards.For(claim).KeyDeleteAsync(claim), cancellationToken);
    }

    public async IAsyncEnumerable<ClaimInfo> ListClaimsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in RedisScan.PagesAsync(shards, keys.Pattern(RedisKeys.ClaimTag), retry, cancellationToken))
        {
            var values = await retry.RunAsync(() => shards.GetManyAsync(page), cancellationToken);
            for (var i = 0; i < page.Length; i++)
            {
                if (keys.TryParse(page[i], RedisKeys.ClaimTag, out var hash) && Parse(hash, values[i]) is { } claim)
                {
                    yield return claim;
                }
            }
        }
    }

    private static ClaimInfo? Parse(TaskHash key, RedisValue value)
    {
        var text = (string?)value;
        var space = text?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        if (text is null || space < 0 || !long.TryParse(text.AsSpan(0, space), out var expires))
        {
            return null; // removed meanwhile, or not written by this store
        }

        return new ClaimInfo(key, text[(space + 1)..], DateTimeOffset.FromUnixTimeMilliseconds(expires));
    }

    private static long ServerTtl(TimeSpan timeToLive) => (long)(timeToLive + ServerGrace).TotalMilliseconds;
}
