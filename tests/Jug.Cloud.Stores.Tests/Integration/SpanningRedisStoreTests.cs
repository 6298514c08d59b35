using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Redis;

namespace Jug.Cloud.Stores.Tests.Integration;

/// <summary>The store contract on a jugdir spread over three Redis servers; each test under a key prefix of its own.</summary>
public abstract class SpanningRedisConformanceTests : StoreConformanceTests
{
    protected string Prefix { get; } = $"span-{Guid.NewGuid():n}:";

    /// <summary>The servers' URI, without a prefix.</summary>
    protected abstract string Servers { get; }

    protected static string With(string uri, string parameter) => uri + (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + parameter;

    protected override IJugStore CreateStore() =>
        RedisJugStore.Connect(RedisStoreProvider.ToOptions(StoreLocation.Parse(With(Servers, $"prefix={Prefix}")), Clock));

    protected override Task CorruptAsync(TaskHash key) => SpanningRedis.CutInHalfAsync(Servers, Prefix + "r:" + key);

    [Fact]
    public async Task A_hundred_results_and_claims_land_on_every_server_and_list_from_all_of_them()
    {
        var keys = Enumerable.Range(0, 100).Select(Key).ToArray();
        await Store.PutManyAsync(keys.Select(k => Entry(k, Value(k.ToString()))).ToArray());
        foreach (var key in keys)
        {
            Assert.True(await Store.TryClaimAsync(key, "me", TimeSpan.FromMinutes(5)));
        }

        // Results and claims only: a sharded jugdir also keeps its server-list marker on each server.
        var counts = await SpanningRedis.CountKeysAsync(Servers, Prefix + "[rc]:");
        Assert.Equal(3, counts.Length);
        Assert.All(counts, count => Assert.InRange(count, 1, 200));
        Assert.Equal(200, counts.Sum());
        Assert.Equal(keys.Order(), (await ListAsync()).Order());
        Assert.Equal(100, await Store.ListClaimsAsync().CountAsync());
        Assert.All(await Store.ExistsAsync(keys), Assert.True);
    }

    [Fact]
    public async Task Values_larger_than_a_chunk_are_renamed_into_place_on_their_own_server()
    {
        await using var store = RedisJugStore.Connect(
            RedisStoreProvider.ToOptions(StoreLocation.Parse(With(Servers, $"prefix={Prefix}small:")), Clock) with { ChunkSize = 1024 });
        var value = Value(Enumerable.Range(0, 10_000).Select(i => (long)i).ToArray());
        for (var i = 0; i < 6; i++)
        {
            await store.PutAsync(Key(i), value);
        }

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(value, await store.GetAsync(Key(i)));
        }

        await store.AppendRunsAsync([Run(1)]);
        Assert.Equal(1, await store.ClearRunsAsync());
        Assert.Equal(0, await store.ClearRunsAsync());
    }
}

/// <summary>The store contract on a 3-node Redis Cluster (<c>redis://h:p1,h:p2,h:p3/?cluster=true</c>).</summary>
[Collection(SpanningRedisCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RedisClusterStoreConformanceTests(SpanningRedis redis) : SpanningRedisConformanceTests
{
    protected override string Servers => redis.Cluster;

    [Fact]
    public void Cluster_nodes_listed_without_cluster_true_are_refused_rather_than_used_as_shards()
    {
        var shardsOfACluster = redis.Cluster.Replace("/?cluster=true", "", StringComparison.Ordinal);
        var error = Assert.Throws<JugStoreException>(() => new StoreRegistry().AddRedisStore().Open(With(shardsOfACluster, $"prefix={Prefix}x:")));
        Assert.Contains("add ?cluster=true", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}

/// <summary>The store contract on 3 independent Redis servers sharing the keys (<c>redis://h:p1,h:p2,h:p3</c>).</summary>
[Collection(SpanningRedisCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RedisShardsStoreConformanceTests(SpanningRedis redis) : SpanningRedisConformanceTests
{
    protected override string Servers => redis.Shards;

    [Fact]
    public async Task A_tasks_result_claim_and_failure_live_on_one_server()
    {
        await Store.PutAsync(Key(7), Value(7));
        await Store.TryClaimAsync(Key(7), "me", TimeSpan.FromMinutes(1));
        await Store.PutFailureAsync(Failure(7));

        var counts = await SpanningRedis.CountKeysAsync(Servers, Prefix + "[rcf]:");
        Assert.Equal([0, 0, 3], counts.Order());
    }

    [Fact]
    public async Task A_jugdir_opened_with_another_server_list_is_refused()
    {
        await Store.PutAsync(Key(1), Value(1));
        var list = Servers["redis://".Length..].Split(',');

        foreach (var other in new[] { $"{list[0]},{list[1]}", $"{list[2]},{list[1]},{list[0]}", list[0] })
        {
            var uri = With("redis://" + other, $"prefix={Prefix}");
            var error = Assert.Throws<JugStoreException>(() => new StoreRegistry().AddRedisStore().Open(uri));
            Assert.Contains("list the same servers in the same order", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }

        await using var same = new StoreRegistry().AddRedisStore().Open(With(Servers, $"prefix={Prefix}"));
        Assert.Equal(Value(1), await same.GetAsync(Key(1)));
    }
}
