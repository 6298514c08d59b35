using System.Globalization;
using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Redis;

/// <summary>
/// Opens <c>redis://[user[:password]@]host[:port][/db][?prefix=…&amp;ssl=true&amp;connectTimeout=ms]</c>
/// (and <c>rediss://</c> for TLS, with <c>ca=</c>, <c>cert=</c> and <c>key=</c> files: see <see cref="RedisTls"/>).
/// The port defaults to 6379, the database to 0, the prefix to <c>jugcloud:</c>. Several servers,
/// <c>redis://h1:p1,h2:p2,h3:p3/</c>, are shards of the jugdir; with <c>?cluster=true</c> they are seed
/// nodes of one Redis Cluster (one host that is a cluster node is recognised as one by itself).
/// </summary>
/// <param name="timeProvider">The clock for claim expiry; the system clock if null.</param>
/// <param name="logger">Where the stores it opens log retries; none if null.</param>
public sealed class RedisStoreProvider(TimeProvider? timeProvider = null, ILogger? logger = null) : IStoreProvider
{
    private const int DefaultPort = 6379;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Schemes { get; } = ["redis", "rediss"];

    /// <inheritdoc />
    /// <exception cref="JugStoreException">The URI is malformed or the server cannot be reached (one line, no password).</exception>
    public IJugStore Open(StoreLocation location) => RedisJugStore.Connect(ToOptions(location, timeProvider), logger);

    /// <summary>The options a <c>redis://</c> location stands for.</summary>
    /// <exception cref="JugStoreException">The location is not a valid Redis jugdir.</exception>
    public static RedisStoreOptions ToOptions(StoreLocation location, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Uri is null || location.Host is null)
        {
            throw Invalid(location, "names no server (expected redis://host:port)");
        }

        var configuration = new ConfigurationOptions
        {
            User = string.IsNullOrEmpty(location.UserName) ? null : location.UserName,
            Password = location.Password,
            DefaultDatabase = Database(location),
            Ssl = location.Scheme == "rediss",
            ClientName = "jugcloud",
            // Completions on the .NET thread pool: the client's dedicated threads spin while they wait
            // (a fifth of the processor time of a three-silo run on two cores), which a small machine
            // takes from the tasks.
            SocketManager = SocketManager.ThreadPool,
            // Fail fast and clearly when the server is not there; reconnect by itself after it was.
            AbortOnConnectFail = true,
            ConnectRetry = 1,
            ConnectTimeout = 5000,
        };
        if (location.Hosts.DistinctBy(h => (h.Host.ToLowerInvariant(), h.Port ?? DefaultPort)).Count() != location.Hosts.Count)
        {
            throw Invalid(location, "lists a server twice");
        }

        foreach (var host in location.Hosts)
        {
            configuration.EndPoints.Add(host.Host, host.Port ?? DefaultPort);
        }

        var cluster = false;
        var prefix = "jugcloud:";
        foreach (var (name, value) in location.Query)
        {
            switch (name.ToLowerInvariant())
            {
                case "prefix":
                    prefix = value;
                    break;
                case "ssl" or "tls":
                    configuration.Ssl = bool.TryParse(value, out var ssl) ? ssl : throw Invalid(location, $"has {name}='{value}' (expected true or false)");
                    break;
                case "cluster":
                    cluster = bool.TryParse(value, out var isCluster) ? isCluster : throw Invalid(location, $"has cluster='{value}' (expected true or false)");
                    break;
                case "connecttimeout":
                    configuration.ConnectTimeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
                        ? ms
                        : throw Invalid(location, $"has connectTimeout='{value}' (expected milliseconds)");
                    break;
                case var tls when RedisTls.IsParameter(tls):
                    break; // applied below, once TLS is decided
                default:
                    throw Invalid(location, $"has an unknown parameter '{name}' (known: prefix, cluster, ssl, connectTimeout, ca, cert, key)");
            }
        }

        RedisTls.Apply(configuration, location, problem => Invalid(location, problem));
        if (cluster && configuration.DefaultDatabase is > 0)
        {
            throw Invalid(location, "names a database other than 0; a Redis Cluster has only database 0");
        }

        return new RedisStoreOptions
        {
            Configuration = configuration,
            Sharded = location.Hosts.Count > 1 && !cluster,
            KeyPrefix = prefix,
            DisplayName = location.Redacted,
            TimeProvider = timeProvider ?? TimeProvider.System,
        };
    }

    private static int Database(StoreLocation location)
    {
        var path = location.Uri!.AbsolutePath.Trim('/');
        if (path.Length == 0)
        {
            return 0;
        }

        return int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var database)
            ? database
            : throw Invalid(location, $"has the path '/{path}'; a Redis jugdir's path is a database number such as /0");
    }

    private static JugStoreException Invalid(StoreLocation location, string problem) =>
        new($"The Redis jugdir '{location.Redacted}' {problem}.");
}
