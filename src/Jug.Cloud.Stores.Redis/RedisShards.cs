using System.IO.Hashing;
using Jug.Cloud.Storage;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Redis;

/// <summary>
/// Which server holds a key. One connection for a single server or a Redis Cluster (whose client
/// routes each command to its slot's node itself); for a sharded jugdir one connection per server,
/// each key on server <c>CRC32(shard part) mod count</c> (<see cref="RedisKeys.ShardPart"/>), so a
/// task's result, chunks, claim and failure record are on one server.
/// </summary>
/// <remarks>
/// Routing depends on the server count and order, so each shard keeps a marker (<c>shards</c> =
/// "index/count") written when the jugdir is first opened; a later open with another list is refused
/// rather than looking for keys on the wrong servers. Nothing is ever moved between servers.
/// </remarks>
internal sealed class RedisShards : IAsyncDisposable
{
    private readonly ConnectionMultiplexer[] _connections;
    private readonly IDatabase[] _databases;
    private readonly RedisKeys _keys;

    private RedisShards(ConnectionMultiplexer[] connections, RedisKeys keys)
    {
        _connections = connections;
        _databases = Array.ConvertAll(connections, c => c.GetDatabase());
        _keys = keys;
    }

    /// <summary>The database number every key is in.</summary>
    public int DatabaseNumber => _databases[0].Database;

    /// <summary>Connects to every server of <paramref name="options"/> and checks a sharded jugdir's marker.</summary>
    /// <exception cref="RedisException">A server cannot be reached.</exception>
    /// <exception cref="JugStoreException">The servers do not match the jugdir's server list, or are cluster nodes given as shards.</exception>
    public static RedisShards Connect(RedisStoreOptions options, RedisKeys keys)
    {
        if (!options.Sharded)
        {
            var single = new RedisShards([ConnectionMultiplexer.Connect(options.Configuration)], keys);
            single.CheckMarker(options.DisplayName, write: false);
            return single;
        }

        var connections = new List<ConnectionMultiplexer>();
        try
        {
            foreach (var endpoint in options.Configuration.EndPoints)
            {
                var one = options.Configuration.Clone();
                one.EndPoints.Clear();
                one.EndPoints.Add(endpoint);
                connections.Add(ConnectionMultiplexer.Connect(one));
                if (connections[^1].GetServer(endpoint).ServerType == ServerType.Cluster)
                {
                    throw new JugStoreException(
                        $"The Redis jugdir {options.DisplayName} lists Redis Cluster nodes as shards: add ?cluster=true to use the cluster.");
                }
            }

            var shards = new RedisShards([.. connections], keys);
            shards.CheckMarker(options.DisplayName, write: true);
            return shards;
        }
        catch
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }

            throw;
        }
    }

    /// <summary>The database holding <paramref name="key"/>.</summary>
    public IDatabase For(RedisKey key) => _databases.Length == 1 ? _databases[0] : _databases[IndexOf(key)];

    /// <summary>The shard <paramref name="key"/> belongs to (0 when there is one connection).</summary>
    public int IndexOf(RedisKey key)
    {
        if (_databases.Length == 1)
        {
            return 0;
        }

        var part = System.Text.Encoding.UTF8.GetBytes(_keys.ShardPart(key));
        return (int)(Crc32.HashToUInt32(part) % (uint)_databases.Length);
    }

    /// <summary>The servers to scan for a listing: every primary of a cluster, every shard, or the one server.</summary>
    public IEnumerable<IServer> Primaries()
    {
        foreach (var connection in _connections)
        {
            var servers = connection.GetServers();
            if (servers.Length == 1)
            {
                yield return servers[0];
                continue;
            }

            // A cluster (or a primary given with its replicas): replicas hold copies, not more keys.
            foreach (var server in servers.Where(s => !s.IsReplica))
            {
                yield return server;
            }
        }
    }

    /// <summary>The servers' database for each key of a pipelined operation, one batch per server.</summary>
    public Task<T[]> BatchAsync<T>(IReadOnlyList<RedisKey> keys, Func<IBatch, RedisKey, int, Task<T>> command)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(command);
        // A Redis Cluster connection routes each command of a batch to its own node, so one batch
        // serves every key there; shards each get their own.
        var batches = Array.ConvertAll(_databases, d => d.CreateBatch());
        var tasks = new Task<T>[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            tasks[i] = command(batches[IndexOf(keys[i])], keys[i], i);
        }

        foreach (var batch in batches)
        {
            batch.Execute();
        }

        return Task.WhenAll(tasks);
    }

    /// <summary>The values of <paramref name="keys"/> (null for a missing one), wherever each lives. Not MGET: keys of several slots or servers.</summary>
    public Task<RedisValue[]> GetManyAsync(IReadOnlyList<RedisKey> keys) =>
        BatchAsync(keys, (batch, key, _) => batch.StringGetAsync(key));

    /// <summary>Closes every connection, letting commands already sent finish.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// Refuses a jugdir whose servers were listed differently when it was first written: routing
    /// would look for its keys on the wrong servers. A single server only reads the marker (a jugdir
    /// that was once sharded is refused); shards write theirs if it is missing.
    /// </summary>
    private void CheckMarker(string displayName, bool write)
    {
        var count = _databases.Length;
        for (var i = 0; i < count; i++)
        {
            var expected = $"{i}/{count}";
            var marker = _keys.ShardMarker;
            if (write)
            {
                _databases[i].StringSet(marker, expected, when: When.NotExists);
            }

            var found = (string?)_databases[i].StringGet(marker);
            if (found is not null && found != expected)
            {
                throw new JugStoreException(
                    $"The Redis jugdir {displayName} was written as server {Describe(found)} of a sharded jugdir, but is opened as server {i + 1} of {count}: " +
                    "list the same servers in the same order (adding servers is not supported: keys are not moved).");
            }
        }
    }

    private static string Describe(string marker)
    {
        var slash = marker.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && int.TryParse(marker.AsSpan(0, slash), out var index) ? $"{index + 1} of {marker[(slash + 1)..]}" : $"'{marker}'";
    }
}
