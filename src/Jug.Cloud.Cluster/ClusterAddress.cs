using System.Globalization;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Redis;
using StackExchange.Redis;

namespace Jug.Cloud.Cluster;

/// <summary>
/// Where a cluster meets: <c>redis://[user[:password]@]host[:port][/db][?cluster=NAME]</c>, or
/// <c>rediss://</c> for TLS with optional <c>ca=</c>, <c>cert=</c> and <c>key=</c> files (see
/// <see cref="RedisTls"/>). Silos and
/// clients find each other through Orleans' membership table in that Redis; grain state lives there
/// too. Several clusters can share one Redis under different names. The address names one server: a
/// Redis client given several independent servers spreads its commands over them, which would split
/// the membership table, so a list (as a sharded store takes) is refused.
/// </summary>
public sealed class ClusterAddress
{
    private const int DefaultPort = 6379;

    private ClusterAddress(ConfigurationOptions redis, string host, string clusterId, string display, string original)
    {
        Original = original;
        Host = host;
        Redis = redis;
        ClusterId = clusterId;
        Display = display;
    }

    /// <summary>The Redis connection settings.</summary>
    public ConfigurationOptions Redis { get; }

    /// <summary>The cluster's name (Orleans' cluster and service id); <c>jugcloud</c> unless the URI says.</summary>
    public string ClusterId { get; }

    /// <summary>The address as given, without a password.</summary>
    public string Display { get; }

    /// <summary>The address as given, password included: for configuring a silo, never for messages.</summary>
    internal string Original { get; }

    /// <summary>The Redis server's host name or address.</summary>
    public string Host { get; }

    /// <summary>True when the Redis server is on this machine's loopback interface (a cluster on one machine).</summary>
    public bool IsLoopback => Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(Host, out var address) && System.Net.IPAddress.IsLoopback(address));

    /// <summary>Parses a cluster URI.</summary>
    /// <exception cref="ArgumentException">The URI is not a <c>redis://</c> address (one line, no password).</exception>
    public static ClusterAddress Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        StoreLocation location;
        try
        {
            location = StoreLocation.Parse(uri, baseDirectory: null, subject: "--cluster");
        }
        catch (JugStoreException e)
        {
            throw new ArgumentException(e.Message, e);
        }

        if (location.Scheme is not ("redis" or "rediss") || location.Host is null)
        {
            throw new ArgumentException($"--cluster '{location.Redacted}': expected redis://host:port (the Redis that holds the cluster's membership).");
        }

        if (location.Hosts.Count > 1)
        {
            throw new ArgumentException($"--cluster '{location.Redacted}' lists {location.Hosts.Count} servers; the cluster's membership and run state live on one Redis server: give one.");
        }

        var redis = new ConfigurationOptions
        {
            User = string.IsNullOrEmpty(location.UserName) ? null : location.UserName,
            Password = location.Password,
            Ssl = location.Scheme == "rediss",
            ClientName = "jugcloud-cluster",
            // Completions on the .NET thread pool: the client's dedicated threads spin while they wait
            // (a fifth of the processor time of a three-silo run on two cores), which a small machine
            // takes from the tasks.
            SocketManager = SocketManager.ThreadPool,
            AbortOnConnectFail = false,
            ConnectTimeout = 5000,
        };
        redis.EndPoints.Add(location.Host, location.Port ?? DefaultPort);
        var path = location.Uri!.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            redis.DefaultDatabase = int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var db)
                ? db
                : throw new ArgumentException($"--cluster '{location.Redacted}': the path must be a database number.");
        }

        var clusterId = "jugcloud";
        foreach (var (name, value) in location.Query)
        {
            if (RedisTls.IsParameter(name))
            {
                continue;
            }

            clusterId = name.Equals("cluster", StringComparison.OrdinalIgnoreCase) && value.Length > 0
                ? value
                : throw new ArgumentException($"--cluster '{location.Redacted}': unknown parameter '{name}' (known: cluster, ca, cert, key).");
        }

        RedisTls.Apply(redis, location, problem => new ArgumentException($"--cluster '{location.Redacted}' {problem}."));

        return new ClusterAddress(redis, location.Host, clusterId, location.Redacted, uri);
    }

    /// <inheritdoc />
    public override string ToString() => Display;
}
