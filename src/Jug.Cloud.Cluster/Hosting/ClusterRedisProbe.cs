using System.Text.Json;
using StackExchange.Redis;

namespace Jug.Cloud.Cluster.Hosting;

/// <summary>
/// Checks, before Orleans starts, that the Redis where a cluster meets answers: Orleans' Redis
/// providers retry an unreachable server until their own timeouts run out and then report a Redis
/// exception, so without this a missing Redis costs many seconds and an unclear message. A client also
/// reads the membership table, so that a cluster with no silo up is said at once too.
/// </summary>
public static class ClusterRedisProbe
{
    /// <summary>How long the probe waits for Redis to answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>Orleans' <c>SiloStatus.Active</c>.</summary>
    private const int ActiveStatus = 3;

    /// <summary>
    /// Connects to the cluster's Redis within <see cref="Timeout"/> and counts the silos its membership
    /// table lists as active (a silo that died unannounced stays listed until the others declare it dead).
    /// </summary>
    /// <exception cref="ClusterUnavailableException">Redis did not answer (the message says so in one line).</exception>
    public static async Task<int> ActiveSilosAsync(ClusterAddress address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var options = address.Redis.Clone();
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ConnectTimeout = (int)Timeout.TotalMilliseconds;
        options.SyncTimeout = (int)Timeout.TotalMilliseconds;
        options.AsyncTimeout = (int)Timeout.TotalMilliseconds;
        options.ClientName = "jugcloud-probe";
        try
        {
            // Bounded here too: name resolution is outside the client's connect timeout.
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(Timeout * 2, cancellationToken);
            var entries = await connection.GetDatabase().HashGetAllAsync(MembershipKey(address)).WaitAsync(Timeout, cancellationToken);
            return entries.Count(e => IsActive(e.Value));
        }
        catch (Exception e) when (e is RedisException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new ClusterUnavailableException(NotReachable(address, e), e);
        }
    }

    /// <summary>Where Orleans' Redis clustering keeps the membership table: <c>{service id}/members/{cluster id}</c>, both the cluster's name here.</summary>
    internal static RedisKey MembershipKey(ClusterAddress address) => $"{address.ClusterId}/members/{address.ClusterId}";

    /// <summary>A membership entry (JSON) whose status is Active (3 in Orleans' SiloStatus); the table's version field is not one.</summary>
    internal static bool IsActive(RedisValue entry)
    {
        if (entry.IsNullOrEmpty || !((string?)entry)!.StartsWith('{'))
        {
            return false;
        }

        try
        {
            using var json = JsonDocument.Parse((string)entry!);
            return json.RootElement.TryGetProperty("Status", out var status) && status.ValueKind == JsonValueKind.Number && status.GetInt32() == ActiveStatus;
        }
        catch (JsonException)
        {
            // An entry in a format this does not know: count it, and let Orleans decide.
            return true;
        }
    }

    /// <summary>The one line saying the cluster's Redis is not reachable, with the reason's first line.</summary>
    internal static string NotReachable(ClusterAddress address, Exception error)
    {
        var reason = error.GetBaseException().Message.ReplaceLineEndings(" ");
        var cut = reason.IndexOf(". ", StringComparison.Ordinal);
        return $"Redis at {address} is not reachable ({(cut > 0 ? reason[..cut] : reason)}): the cluster's silos and clients meet there; start it or check --cluster.";
    }
}
