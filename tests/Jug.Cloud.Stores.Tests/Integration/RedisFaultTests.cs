using Jug.Cloud.Encoding;
using Jug.Cloud.Hashing;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Redis;
using Xunit.Abstractions;

namespace Jug.Cloud.Stores.Tests.Integration;

/// <summary>Large values and a Redis server restarting between and during operations.</summary>
[Collection(ServicesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RedisFaultTests(TestServices services, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _prefix = $"fault-{Guid.NewGuid():n}:";
    private string? _ownState;
    private string _redis = "";
    private string _state = "";

    public async Task InitializeAsync()
    {
        if (services.RedisState is { } state)
        {
            (_redis, _state) = (services.Redis, state);
            return;
        }

        // The endpoint was given from outside without its state directory: restart a Redis of our own.
        _ownState = Directory.CreateTempSubdirectory("jugcloud-test-redis-").FullName;
        var exports = await TestServices.RunAsync("start", "--only", "redis", "--state", _ownState);
        _redis = exports.Split('=', 2)[1].Trim();
        _state = _ownState;
    }

    public async Task DisposeAsync()
    {
        if (_ownState is not null)
        {
            await TestServices.RunAsync("stop", "--state", _ownState);
        }
    }

    private RedisJugStore Open() => RedisJugStore.Connect(RedisStoreProvider.ToOptions(StoreLocation.Parse($"{_redis}?prefix={_prefix}")));

    private static TaskHash Key(int i) => CanonicalHash.OfValue($"fault {i}");

    private static byte[] Value(int i) => ResultCodec.Encode($"value {i} " + new string('x', i % 500));

    [Fact]
    public async Task A_100_MB_result_round_trips()
    {
        await using var store = Open();
        await LargeResults.RoundTripAsync(store, Key(1), 7, output);
    }

    [Fact]
    public async Task A_restart_between_operations_loses_nothing_and_the_store_reconnects()
    {
        await using var store = Open();
        await store.PutManyAsync(Enumerable.Range(0, 50).Select(i => new KeyValuePair<TaskHash, ReadOnlyMemory<byte>>(Key(i), Value(i))).ToArray());
        Assert.True(await store.TryClaimAsync(Key(0), "me", TimeSpan.FromMinutes(5)));

        await TestServices.RunAsync("restart", "redis", "--state", _state);

        Assert.Equal(Value(7), await store.GetAsync(Key(7)));
        Assert.All(await store.ExistsAsync(Enumerable.Range(0, 50).Select(Key).ToArray()), Assert.True);
        Assert.False(await store.TryClaimAsync(Key(0), "other", TimeSpan.FromMinutes(5)));
        await store.PutAsync(Key(50), Value(50));
        Assert.Equal(Value(50), await store.GetAsync(Key(50)));
    }

    [Fact]
    public async Task A_restart_during_puts_and_gets_neither_loses_nor_corrupts_a_result()
    {
        await using var store = Open();
        var large = StoredObject.Wrap(CodecId.Bytes, 0, new byte[12 * 1024 * 1024]); // three chunks
        byte[] ValueOf(int i) => i % 50 == 0 ? large : Value(i);
        var written = 0;
        var stopAfter = int.MaxValue;
        var writer = Task.Run(async () =>
        {
            // Runs before, through and after the restart: until 50 operations past its end.
            for (var i = 0; i < Volatile.Read(ref stopAfter) && i < 5000; i++)
            {
                await store.PutAsync(Key(i), ValueOf(i));
                Assert.Equal(ValueOf(i), await store.GetAsync(Key(i)));
                Volatile.Write(ref written, i + 1);
            }
        });

        while (Volatile.Read(ref written) < 20 && !writer.IsCompleted)
        {
            await Task.Delay(10);
        }

        var atRestart = Volatile.Read(ref written);
        await TestServices.RunAsync("restart", "redis", "--state", _state);
        Volatile.Write(ref stopAfter, Volatile.Read(ref written) + 50);
        await writer;

        var total = Volatile.Read(ref written);
        Assert.True(total >= atRestart + 50, $"only {total - atRestart} operations after the restart began");
        Assert.All(await store.ExistsAsync(Enumerable.Range(0, total).Select(Key).ToArray()), Assert.True);
        for (var i = 0; i < total; i += 7)
        {
            Assert.Equal(ValueOf(i), await store.GetAsync(Key(i)));
        }

        await foreach (var key in store.ListAsync())
        {
            await store.DeleteAsync(key);
        }
    }
}
