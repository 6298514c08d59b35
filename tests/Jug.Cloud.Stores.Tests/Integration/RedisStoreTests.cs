using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Redis;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Tests.Integration;

/// <summary>The store contract on a real Redis server; each test under a key prefix of its own.</summary>
[Collection(ServicesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RedisStoreConformanceTests(TestServices services) : StoreConformanceTests
{
    private readonly string _prefix = $"test-{Guid.NewGuid():n}:";

    protected override IJugStore CreateStore() =>
        RedisJugStore.Connect(RedisStoreProvider.ToOptions(StoreLocation.Parse($"{services.Redis}?prefix={_prefix}"), Clock));

    /// <summary>Cuts the stored value in half behind the store's back.</summary>
    protected override async Task CorruptAsync(TaskHash key)
    {
        await using var raw = await ConnectionMultiplexer.ConnectAsync(Endpoint(services));
        var database = raw.GetDatabase();
        byte[] value = (await database.StringGetAsync(_prefix + "r:" + key))!;
        await database.StringSetAsync(_prefix + "r:" + key, value[..(value.Length / 2)]);
    }

    [Fact]
    public async Task Keys_live_under_the_prefix_and_nothing_is_written_outside_it()
    {
        await Store.PutAsync(Key(1), Value(1));
        await Store.TryClaimAsync(Key(1), "me", TimeSpan.FromMinutes(1));
        await Store.PutFailureAsync(Failure(1));
        await Store.AppendRunsAsync([Run(1)]);
        await Store.PutBundleAsync(new string('a', 16), new byte[] { 1 });

        await using var raw = await ConnectionMultiplexer.ConnectAsync(Endpoint(services));
        var server = raw.GetServer(raw.GetEndPoints()[0]);
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: _prefix + "*"))
        {
            keys.Add(key!);
        }

        Assert.Equal(
            new[] { "b:aaaaaaaaaaaaaaaa", $"c:{Key(1)}", $"f:{Key(1)}", $"r:{Key(1)}", "runs" },
            keys.Select(k => k[_prefix.Length..]).Order(StringComparer.Ordinal));
        var ttl = await raw.GetDatabase().KeyTimeToLiveAsync(_prefix + "c:" + Key(1));
        Assert.True(ttl > TimeSpan.FromHours(23), $"claim keys carry a generous server TTL, got {ttl}");
    }

    /// <summary>Cuts each worker record in half behind the store's back.</summary>
    protected override async Task<bool> CorruptWorkerStatusesAsync()
    {
        await using var raw = await ConnectionMultiplexer.ConnectAsync(Endpoint(services));
        var database = raw.GetDatabase();
        await foreach (var key in raw.GetServer(raw.GetEndPoints()[0]).KeysAsync(pattern: _prefix + "w:*"))
        {
            byte[] value = (await database.StringGetAsync(key))!;
            await database.StringSetAsync(key, value[..(value.Length / 2)], expiry: null, keepTtl: true);
        }

        return true;
    }

    [Fact]
    public async Task A_worker_record_is_one_key_expiring_a_while_after_the_record()
    {
        await Store.PutWorkerStatusAsync(Status("silo-1/run@2"));
        await using var raw = await ConnectionMultiplexer.ConnectAsync(Endpoint(services));
        var key = $"{_prefix}w:{WorkerStatusCodec.ObjectName("silo-1/run@2")}";
        var ttl = await raw.GetDatabase().KeyTimeToLiveAsync(key);

        // The record expires 30 s after it is written, the key ListedAfterExpiry after that.
        Assert.InRange(ttl ?? TimeSpan.Zero, WorkerStatus.ListedAfterExpiry, WorkerStatus.ListedAfterExpiry + TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Values_larger_than_a_chunk_are_written_and_read_in_pieces()
    {
        await using var store = RedisJugStore.Connect(
            RedisStoreProvider.ToOptions(StoreLocation.Parse($"{services.Redis}?prefix={_prefix}small:"), Clock) with { ChunkSize = 1024 });
        var value = Value(Enumerable.Range(0, 10_000).Select(i => (long)i).ToArray());
        await store.PutAsync(Key(1), value);
        await store.PutManyAsync([Entry(Key(2), value), Entry(Key(3), Value(3))]);
        Assert.Equal(value, await store.GetAsync(Key(1)));
        Assert.Equal(value, await store.GetAsync(Key(2)));
        Assert.Equal(Value(3), await store.GetAsync(Key(3)));
        await store.PutBundleAsync(new string('b', 16), value);
        Assert.Equal(value, await store.GetBundleAsync(new string('b', 16)));
    }

    [Theory]
    [InlineData("redis://127.0.0.1:1", "cannot be reached")]
    [InlineData("redis://user:hunter2@127.0.0.1:1/0", "cannot be reached")]
    [InlineData("redis://127.0.0.1:6379/notadb", "database number")]
    [InlineData("redis://127.0.0.1:6379?pefix=x", "unknown parameter 'pefix'")]
    public void Bad_uris_and_unreachable_servers_are_one_line_errors_naming_the_store(string uri, string problem)
    {
        var error = Assert.Throws<JugStoreException>(() => new StoreRegistry().AddRedisStore().Open(uri));
        Assert.Contains(problem, error.Message);
        Assert.Contains("redis://", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public async Task The_registry_opens_redis_uris_by_scheme()
    {
        var uri = $"{services.Redis}/0?prefix={_prefix}";
        await using var opened = new StoreRegistry().AddRedisStore(Clock).Open(uri);
        Assert.IsType<RedisJugStore>(opened);
        Assert.Equal(uri, opened.DisplayName);
        await opened.PutAsync(Key(9), Value(9));
        Assert.Equal(Value(9), await Store.GetAsync(Key(9)));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await using var raw = await ConnectionMultiplexer.ConnectAsync(Endpoint(services));
        var server = raw.GetServer(raw.GetEndPoints()[0]);
        await foreach (var key in server.KeysAsync(pattern: _prefix + "*"))
        {
            await raw.GetDatabase().KeyDeleteAsync(key);
        }
    }

    internal static string Endpoint(TestServices services) => new Uri(services.Redis).Authority;
}
