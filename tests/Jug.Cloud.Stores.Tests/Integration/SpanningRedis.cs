using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Redis;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Tests.Integration;

/// <summary>
/// A 3-node Redis Cluster and 3 independent Redis servers, from JUGCLOUD_TEST_REDIS_CLUSTER and
/// JUGCLOUD_TEST_REDIS_SHARDS (as <c>infra/services.sh start --redis-cluster --redis-shards</c>
/// prints them); whatever is missing is started here and exactly that is stopped afterwards.
/// </summary>
public sealed class SpanningRedis : IAsyncLifetime
{
    private string? _ownState;

    /// <summary><c>redis://h:p1,h:p2,h:p3/?cluster=true</c>.</summary>
    public string Cluster { get; private set; } = "";

    /// <summary><c>redis://h:p1,h:p2,h:p3</c>.</summary>
    public string Shards { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Cluster = Environment.GetEnvironmentVariable("JUGCLOUD_TEST_REDIS_CLUSTER") ?? "";
        Shards = Environment.GetEnvironmentVariable("JUGCLOUD_TEST_REDIS_SHARDS") ?? "";
        var missing = new List<string>();
        if (Cluster.Length == 0)
        {
            missing.Add("redis-cluster");
        }

        if (Shards.Length == 0)
        {
            missing.Add("redis-shards");
        }

        if (missing.Count == 0)
        {
            return;
        }

        _ownState = Directory.CreateTempSubdirectory("jugcloud-test-spanning-").FullName;
        var exports = await TestServices.RunAsync("start", "--only", string.Join(',', missing), "--state", _ownState);
        foreach (var line in exports.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var value = equals < 0 ? "" : line[(equals + 1)..].Trim().Trim('\'');
            if (line.StartsWith("export JUGCLOUD_TEST_REDIS_CLUSTER=", StringComparison.Ordinal))
            {
                Cluster = value;
            }
            else if (line.StartsWith("export JUGCLOUD_TEST_REDIS_SHARDS=", StringComparison.Ordinal))
            {
                Shards = value;
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_ownState is not null)
        {
            await TestServices.RunAsync("stop", "--state", _ownState);
        }
    }

    /// <summary>How many keys under <paramref name="prefix"/> each server of <paramref name="uri"/> holds itself.</summary>
    public static async Task<int[]> CountKeysAsync(string uri, string prefix)
    {
        var counts = new List<int>();
        foreach (var (connection, endpoint) in await ConnectEachAsync(uri))
        {
            await using (connection)
            {
                var count = 0;
                await foreach (var _ in connection.GetServer(endpoint).KeysAsync(pattern: prefix + "*"))
                {
                    count++;
                }

                counts.Add(count);
            }
        }

        return [.. counts];
    }

    /// <summary>Cuts the value of <paramref name="key"/> in half behind the store's back, on whichever server holds it.</summary>
    public static async Task CutInHalfAsync(string uri, RedisKey key)
    {
        foreach (var (connection, _) in await ConnectEachAsync(uri))
        {
            await using (connection)
            {
                // A cluster node's connection follows the key to its node; a shard's holds it or not.
                var database = connection.GetDatabase();
                byte[]? value = await database.StringGetAsync(key);
                if (value is not null)
                {
                    await database.StringSetAsync(key, value[..(value.Length / 2)]);
                    return;
                }
            }
        }

        throw new InvalidOperationException($"{key} is on no server");
    }

    private static async Task<(ConnectionMultiplexer Connection, System.Net.EndPoint EndPoint)[]> ConnectEachAsync(string uri)
    {
        var configuration = RedisStoreProvider.ToOptions(StoreLocation.Parse(uri)).Configuration;
        var connections = new List<(ConnectionMultiplexer, System.Net.EndPoint)>();
        foreach (var endpoint in configuration.EndPoints)
        {
            var one = configuration.Clone();
            one.EndPoints.Clear();
            one.EndPoints.Add(endpoint);
            connections.Add((await ConnectionMultiplexer.ConnectAsync(one), endpoint));
        }

        return [.. connections];
    }
}

[CollectionDefinition(Name)]
public sealed class SpanningRedisCollection : ICollectionFixture<SpanningRedis>
{
    public const string Name = "Redis across servers";
}
