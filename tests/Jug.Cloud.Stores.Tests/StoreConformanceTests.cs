using Jug.Cloud.Encoding;
using Jug.Cloud.Hashing;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Tests;

/// <summary>
/// The store contract: every provider runs these against its real backend. A provider's test class
/// supplies the store, a clock it can move, and a way to damage a stored object.
/// </summary>
public abstract class StoreConformanceTests : IAsyncLifetime
{
    private IJugStore? _store;

    protected FakeTimeProvider Clock { get; } = new();

    protected IJugStore Store => _store ?? throw new InvalidOperationException("Not initialised.");

    protected abstract IJugStore CreateStore();

    /// <summary>Damages the stored result of <paramref name="key"/> (truncates or alters it).</summary>
    protected abstract Task CorruptAsync(TaskHash key);

    public Task InitializeAsync()
    {
        _store = CreateStore();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();

    protected static TaskHash Key(int i) => CanonicalHash.OfValue($"key {i}");

    protected static byte[] Value(object value) => ResultCodec.Encode(value, value.GetType());

    [Fact]
    public async Task Put_then_get_returns_the_same_bytes()
    {
        var value = Value("hello");
        await Store.PutAsync(Key(1), value);
        Assert.Equal(value, await Store.GetAsync(Key(1)));
    }

    [Fact]
    public async Task Get_of_a_missing_key_is_null() => Assert.Null(await Store.GetAsync(Key(404)));

    [Fact]
    public async Task Put_overwrites_and_is_idempotent()
    {
        await Store.PutAsync(Key(1), Value("a"));
        await Store.PutAsync(Key(1), Value("b"));
        await Store.PutAsync(Key(1), Value("b"));
        Assert.Equal(Value("b"), await Store.GetAsync(Key(1)));
        Assert.Single(await ListAsync());
    }

    [Fact]
    public async Task Exists_answers_a_batch_in_order()
    {
        for (var i = 0; i < 1000; i += 2)
        {
            await Store.PutAsync(Key(i), Value(i));
        }

        var exists = await Store.ExistsAsync(Enumerable.Range(0, 1000).Select(Key).ToArray());
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => i % 2 == 0), exists);
    }

    [Fact]
    public async Task Put_many_stores_each_entry()
    {
        var entries = Enumerable.Range(0, 50).Select(i => new KeyValuePair<TaskHash, ReadOnlyMemory<byte>>(Key(i), Value(i))).ToArray();
        await Store.PutManyAsync(entries);
        foreach (var (key, value) in entries)
        {
            Assert.Equal(value.ToArray(), await Store.GetAsync(key));
        }
    }

    [Fact]
    public async Task Delete_removes_and_says_whether_it_did()
    {
        await Store.PutAsync(Key(1), Value(1));
        Assert.True(await Store.DeleteAsync(Key(1)));
        Assert.False(await Store.DeleteAsync(Key(1)));
        Assert.Null(await Store.GetAsync(Key(1)));
    }

    [Fact]
    public async Task List_returns_exactly_the_stored_keys()
    {
        var keys = Enumerable.Range(0, 20).Select(Key).ToHashSet();
        foreach (var key in keys)
        {
            await Store.PutAsync(key, Value(key.ToString()));
        }

        Assert.Equal(keys, (await ListAsync()).ToHashSet());
    }

    [Fact]
    public async Task A_damaged_object_is_reported_corrupt_never_returned()
    {
        await Store.PutAsync(Key(1), Value(new double[100]));
        await CorruptAsync(Key(1));
        await Assert.ThrowsAsync<CorruptObjectException>(async () => await Store.GetAsync(Key(1)));
    }

    [Fact]
    public async Task A_claim_has_one_owner_until_released()
    {
        var ttl = TimeSpan.FromMinutes(1);
        Assert.True(await Store.TryClaimAsync(Key(1), "a", ttl));
        Assert.False(await Store.TryClaimAsync(Key(1), "b", ttl));
        Assert.False(await Store.RenewClaimAsync(Key(1), "b", ttl));
        Assert.False(await Store.ReleaseClaimAsync(Key(1), "b"));
        Assert.True(await Store.RenewClaimAsync(Key(1), "a", ttl));
        Assert.True(await Store.ReleaseClaimAsync(Key(1), "a"));
        Assert.True(await Store.TryClaimAsync(Key(1), "b", ttl));
    }

    [Fact]
    public async Task An_expired_claim_can_be_taken_by_another_owner()
    {
        Assert.True(await Store.TryClaimAsync(Key(1), "a", TimeSpan.FromSeconds(10)));
        Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.True(await Store.TryClaimAsync(Key(1), "b", TimeSpan.FromSeconds(10)));
        Assert.False(await Store.RenewClaimAsync(Key(1), "a", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Claims_can_be_listed_and_broken()
    {
        await Store.TryClaimAsync(Key(1), "a", TimeSpan.FromMinutes(1));
        await Store.TryClaimAsync(Key(2), "b", TimeSpan.FromMinutes(1));
        var claims = new List<ClaimInfo>();
        await foreach (var claim in Store.ListClaimsAsync())
        {
            claims.Add(claim);
        }

        Assert.Equal(new[] { "a", "b" }, claims.Select(c => c.Owner).Order());
        Assert.True(await Store.BreakClaimAsync(Key(1)));
        Assert.True(await Store.TryClaimAsync(Key(1), "c", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Failure_records_round_trip()
    {
        var record = new FailureRecord(Key(7), "Demo.Fail", "System.Exception", "bad", "trace", 1, "w", DateTimeOffset.UnixEpoch);
        await Store.PutFailureAsync(record);
        Assert.Equal(record, await Store.GetFailureAsync(Key(7)));
        var all = new List<FailureRecord>();
        await foreach (var failure in Store.ListFailuresAsync())
        {
            all.Add(failure);
        }

        Assert.Equal(record, Assert.Single(all));
        Assert.True(await Store.DeleteFailureAsync(Key(7)));
        Assert.Null(await Store.GetFailureAsync(Key(7)));
    }

    [Fact]
    public async Task Bundles_are_stored_once_by_id()
    {
        var id = new string('c', 64);
        Assert.False(await Store.BundleExistsAsync(id));
        await Store.PutBundleAsync(id, new byte[] { 1, 2, 3 });
        await Store.PutBundleAsync(id, new byte[] { 1, 2, 3 });
        Assert.True(await Store.BundleExistsAsync(id));
        Assert.Equal(new byte[] { 1, 2, 3 }, await Store.GetBundleAsync(id));
        await Assert.ThrowsAsync<ArgumentException>(async () => await Store.PutBundleAsync("../etc", new byte[1]));
    }

    private async Task<List<TaskHash>> ListAsync()
    {
        var keys = new List<TaskHash>();
        await foreach (var key in Store.ListAsync())
        {
            keys.Add(key);
        }

        return keys;
    }
}
