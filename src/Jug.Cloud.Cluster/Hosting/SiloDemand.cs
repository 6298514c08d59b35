using System.Globalization;
using StackExchange.Redis;

namespace Jug.Cloud.Cluster.Hosting;

/// <summary>
/// Work waiting for a silo in a cluster that has none: a submitter that finds no silo up records
/// itself in the cluster's Redis (a sorted set of submitters by expiry, <c>{cluster}/autoscale/demand</c>)
/// and renews that record while it waits; an autoscaler that sees such a record starts a silo. This is
/// how demand is seen before any grain can be asked: with no silo, there is no run grain to hold it.
/// </summary>
public static class SiloDemand
{
    /// <summary>How long a record lasts unless renewed: a submitter that died stops asking for silos after this.</summary>
    public static readonly TimeSpan RecordLifetime = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);

    /// <summary>Where the records are kept in the cluster's Redis.</summary>
    internal static RedisKey Key(ClusterAddress address) => $"{address.ClusterId}/autoscale/demand";

    /// <summary>
    /// Returns once a silo of the cluster is up, recording this caller's demand while none is. Gives up
    /// after <paramref name="timeout"/> with the one line saying no silo is up.
    /// </summary>
    /// <exception cref="ClusterUnavailableException">Redis is not reachable, or no silo came up in time.</exception>
    public static async Task WaitForSiloAsync(ClusterAddress address, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (await ClusterRedisProbe.ActiveSilosAsync(address, cancellationToken) > 0)
        {
            return;
        }

        var id = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():n}";
        var deadline = DateTimeOffset.UtcNow + timeout;
        var renewed = DateTimeOffset.MinValue;
        await using var redis = await ConnectAsync(address, cancellationToken);
        var database = redis.GetDatabase();
        try
        {
            while (await ClusterRedisProbe.ActiveSilosAsync(address, cancellationToken) == 0)
            {
                var now = DateTimeOffset.UtcNow;
                if (now >= deadline)
                {
                    throw new ClusterUnavailableException(
                        $"No silo came up in cluster '{address.ClusterId}' at {address} within {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s: start one with 'jugcloud silo --cluster {address}' or 'jugcloud autoscale'.");
                }

                if (now - renewed >= RenewEvery)
                {
                    await database.SortedSetAddAsync(Key(address), id, (now + RecordLifetime).ToUnixTimeMilliseconds());
                    renewed = now;
                }

                await Task.Delay(PollEvery, cancellationToken);
            }
        }
        finally
        {
            await database.SortedSetRemoveAsync(Key(address), id, CommandFlags.FireAndForget);
        }
    }

    /// <summary>How many submitters wait for a silo now (expired records are removed first).</summary>
    /// <exception cref="ClusterUnavailableException">Redis is not reachable.</exception>
    public static async Task<int> PendingAsync(ClusterAddress address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        await using var redis = await ConnectAsync(address, cancellationToken);
        var database = redis.GetDatabase();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await database.SortedSetRemoveRangeByScoreAsync(Key(address), double.NegativeInfinity, now);
        return (int)await database.SortedSetLengthAsync(Key(address));
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(ClusterAddress address, CancellationToken cancellationToken)
    {
        var options = address.Redis.Clone();
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ClientName = "jugcloud-demand";
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(ClusterRedisProbe.Timeout * 2, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new ClusterUnavailableException(ClusterRedisProbe.NotReachable(address, e), e);
        }
    }
}
