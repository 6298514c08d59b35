using Jug.Cloud.Encoding;
using Jug.Cloud.Hashing;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Tests;

/// <summary>
/// The store contract: every provider runs these against its real backend. A provider's test class
/// supplies the store (built on <see cref="Clock"/>) and, if it can do better than the default, a
/// way to damage a stored object.
/// </summary>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private IJugStore? _store;

    /// <summary>The clock the store must use for claim expiry.</summary>
    protected FakeTimeProvider Clock { get; } = new();

    protected IJugStore Store => _store ?? throw new InvalidOperationException("Not initialised.");

    protected abstract IJugStore CreateStore();

    /// <summary>Damages the stored result of <paramref name="key"/>; by default rewrites it with one byte flipped.</summary>
    protected virtual async Task CorruptAsync(TaskHash key)
    {
        var bytes = (await Store.GetAsync(key))!;
        bytes[^1] ^= 0x55;
        await Store.PutAsync(key, bytes);
    }

    public virtual Task InitializeAsync()
    {
        _store = CreateStore();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();

    protected static TaskHash Key(int i) => CanonicalHash.OfValue($"key {i}");

    protected static byte[] Value(object value) => ResultCodec.Encode(value, value.GetType());

    protected static FailureRecord Failure(int i, string message = "bad") =>
        new(Key(i), "Demo.Fail", "System.InvalidOperationException", message, "trace\n  at Demo.Fail()", 1, "worker-1", DateTimeOffset.UnixEpoch.AddDays(i));

    // ---- results -------------------------------------------------------------------------------

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
    public async Task Put_replaces_an_earlier_value()
    {
        await Store.PutAsync(Key(1), Value("a"));
        await Store.PutAsync(Key(1), Value("b"));
        Assert.Equal(Value("b"), await Store.GetAsync(Key(1)));
        Assert.Single(await ListAsync());
    }

    [Fact]
    public async Task Put_of_the_same_bytes_again_is_harmless()
    {
        await Store.PutAsync(Key(1), Value(42));
        await Store.PutAsync(Key(1), Value(42));
        Assert.Equal(Value(42), await Store.GetAsync(Key(1)));
        Assert.Equal([Key(1)], await ListAsync());
    }

    [Fact]
    public async Task Stored_bytes_are_copies_callers_cannot_change()
    {
        var value = Value(new double[] { 1, 2, 3 });
        await Store.PutAsync(Key(1), value);
        value[^1] ^= 0xff;
        var read = (await Store.GetAsync(Key(1)))!;
        read[^1] ^= 0xff;
        Assert.Equal(Value(new double[] { 1, 2, 3 }), await Store.GetAsync(Key(1)));
    }

    [Fact]
    public async Task A_large_result_round_trips()
    {
        var value = Value(Enumerable.Range(0, 250_000).Select(i => (double)i).ToArray());
        await Store.PutAsync(Key(1), value);
        Assert.Equal(value, await Store.GetAsync(Key(1)));
    }

    [Fact]
    public async Task Exists_answers_a_thousand_keys_in_order()
    {
        for (var i = 0; i < 1000; i += 3)
        {
            await Store.PutAsync(Key(i), Value(i));
        }

        var exists = await Store.ExistsAsync(Enumerable.Range(0, 1000).Select(Key).ToArray());
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => i % 3 == 0), exists);
    }

    [Fact]
    public async Task Exists_of_no_keys_is_empty() => Assert.Empty(await Store.ExistsAsync([]));

    [Fact]
    public async Task Exists_on_an_empty_store_is_all_false() =>
        Assert.Equal(new[] { false, false }, await Store.ExistsAsync([Key(1), Key(2)]));

    [Fact]
    public async Task Put_many_stores_each_entry()
    {
        var entries = Enumerable.Range(0, 300).Select(i => Entry(Key(i), Value(i))).ToArray();
        await Store.PutManyAsync(entries);
        foreach (var (key, value) in entries)
        {
            Assert.Equal(value.ToArray(), await Store.GetAsync(key));
        }

        Assert.Equal(entries.Select(e => e.Key).Order(), (await ListAsync()).Order());
    }

    [Fact]
    public async Task Put_many_replaces_existing_entries_and_accepts_an_empty_batch()
    {
        await Store.PutAsync(Key(1), Value("old"));
        await Store.PutManyAsync([]);
        await Store.PutManyAsync([Entry(Key(1), Value("new")), Entry(Key(2), Value("two"))]);
        Assert.Equal(Value("new"), await Store.GetAsync(Key(1)));
        Assert.Equal(Value("two"), await Store.GetAsync(Key(2)));
    }

    [Fact]
    public async Task Concurrent_puts_of_different_keys_all_land()
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), async (i, ct) => await Store.PutAsync(Key(i), Value(i), ct));
        Assert.All(await Store.ExistsAsync(Enumerable.Range(0, 200).Select(Key).ToArray()), Assert.True);
    }

    [Fact]
    public async Task Delete_of_a_present_key_removes_it()
    {
        await Store.PutAsync(Key(1), Value(1));
        await Store.PutAsync(Key(2), Value(2));
        Assert.True(await Store.DeleteAsync(Key(1)));
        Assert.Null(await Store.GetAsync(Key(1)));
        Assert.Equal(new[] { false, true }, await Store.ExistsAsync([Key(1), Key(2)]));
    }

    [Fact]
    public async Task Delete_of_an_absent_key_is_false()
    {
        Assert.False(await Store.DeleteAsync(Key(1)));
        await Store.PutAsync(Key(1), Value(1));
        Assert.True(await Store.DeleteAsync(Key(1)));
        Assert.False(await Store.DeleteAsync(Key(1)));
    }

    [Fact]
    public async Task List_returns_exactly_the_stored_keys()
    {
        var keys = Enumerable.Range(0, 40).Select(Key).ToHashSet();
        foreach (var key in keys)
        {
            await Store.PutAsync(key, Value(key.ToString()));
        }

        await Store.DeleteAsync(Key(0));
        keys.Remove(Key(0));
        var listed = await ListAsync();
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(keys, listed.ToHashSet());
    }

    [Fact]
    public async Task List_of_an_empty_store_is_empty() => Assert.Empty(await ListAsync());

    /// <summary>
    /// Object services answer a listing a page at a time (S3 at most 1,000 keys): a store must follow
    /// the continuation to the end, and the service must be able to give one.
    /// </summary>
    [Fact]
    public async Task List_follows_the_service_pages_past_two_thousand_keys()
    {
        var entries = Enumerable.Range(0, 2_003).Select(i => Entry(Key(i), Value(i))).ToArray();
        foreach (var batch in entries.Chunk(500))
        {
            await Store.PutManyAsync(batch);
        }

        var listed = await ListAsync();
        Assert.Equal(entries.Length, listed.Count);
        Assert.Equal(entries.Select(e => e.Key).ToHashSet(), listed.ToHashSet());
    }

    [Fact]
    public async Task A_damaged_object_is_reported_corrupt_never_returned()
    {
        await Store.PutAsync(Key(1), Value(new double[100]));
        await CorruptAsync(Key(1));
        await Assert.ThrowsAsync<CorruptObjectException>(async () => await Store.GetAsync(Key(1)));
    }

    [Fact]
    public async Task Bytes_without_the_stored_object_header_are_reported_corrupt()
    {
        await Store.PutAsync(Key(1), new byte[] { 1, 2, 3, 4 });
        await Assert.ThrowsAsync<CorruptObjectException>(async () => await Store.GetAsync(Key(1)));
        Assert.Equal(new[] { true }, await Store.ExistsAsync([Key(1)]));
    }

    // ---- failure records -----------------------------------------------------------------------

    [Fact]
    public async Task Failure_records_round_trip_and_delete()
    {
        var record = Failure(7);
        await Store.PutFailureAsync(record);
        Assert.Equal(record, await Store.GetFailureAsync(Key(7)));
        Assert.True(await Store.DeleteFailureAsync(Key(7)));
        Assert.Null(await Store.GetFailureAsync(Key(7)));
        Assert.False(await Store.DeleteFailureAsync(Key(7)));
    }

    [Fact]
    public async Task A_later_failure_replaces_the_earlier_one()
    {
        await Store.PutFailureAsync(Failure(7, "first"));
        await Store.PutFailureAsync(Failure(7, "second") with { Attempt = 2 });
        var stored = await Store.GetFailureAsync(Key(7));
        Assert.Equal(("second", 2), (stored?.Message, stored?.Attempt));
        Assert.Single(await FailuresAsync());
    }

    [Fact]
    public async Task Failures_are_listed_and_independent_of_results()
    {
        await Store.PutFailureAsync(Failure(1));
        await Store.PutFailureAsync(Failure(2));
        await Store.PutAsync(Key(3), Value(3));
        Assert.Null(await Store.GetFailureAsync(Key(3)));
        Assert.Equal([Failure(1), Failure(2)], (await FailuresAsync()).OrderBy(f => f.Time));
        Assert.Equal([Key(3)], await ListAsync());
    }

    // ---- run log -------------------------------------------------------------------------------

    protected static RunRecord Run(int i, string worker = "w1", bool succeeded = true) =>
        new(Key(i), $"Demo.Task{i % 3}", worker, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(i % 2 == 0 ? 0 : 2)).AddSeconds(i), TimeSpan.FromMilliseconds(10 + i), 1 + (i % 2), succeeded);

    [Fact]
    public async Task Run_records_appended_in_batches_are_all_listed()
    {
        await Store.AppendRunsAsync([Run(1), Run(2, "w2", false)]);
        await Store.AppendRunsAsync([Run(3)]);
        await Store.AppendRunsAsync([]);
        var listed = (await RunsAsync()).OrderBy(r => r.Key).ToList();
        Assert.Equal(new[] { Run(1), Run(2, "w2", false), Run(3) }.OrderBy(r => r.Key), listed);
        Assert.Equal(new[] { Run(1), Run(2), Run(3) }.OrderBy(r => r.Key).Select(r => r.Started.Offset), listed.Select(r => r.Started.Offset));
    }

    [Fact]
    public async Task The_same_task_may_have_several_run_records()
    {
        await Store.AppendRunsAsync([Run(1, "w1", false)]);
        await Store.AppendRunsAsync([Run(1, "w2")]);
        Assert.Equal(["w1", "w2"], (await RunsAsync()).Select(r => r.Worker).Order());
    }

    [Fact]
    public async Task Clearing_the_run_log_removes_every_record_and_nothing_else()
    {
        await Store.PutAsync(Key(1), Value(1));
        await Store.AppendRunsAsync([Run(1), Run(2)]);
        await Store.AppendRunsAsync([Run(3)]);
        Assert.Equal(3, await Store.ClearRunsAsync());
        Assert.Empty(await RunsAsync());
        Assert.Equal([Key(1)], await ListAsync());
        Assert.Equal(0, await Store.ClearRunsAsync());
    }

    // ---- bundles -------------------------------------------------------------------------------

    [Fact]
    public async Task Bundles_are_stored_once_by_id()
    {
        var id = new string('c', 64);
        Assert.False(await Store.BundleExistsAsync(id));
        await Store.PutBundleAsync(id, new byte[] { 1, 2, 3 });
        await Store.PutBundleAsync(id, new byte[] { 1, 2, 3 });
        Assert.True(await Store.BundleExistsAsync(id));
        Assert.Equal(new byte[] { 1, 2, 3 }, await Store.GetBundleAsync(id));
    }

    [Fact]
    public async Task A_missing_bundle_is_null() => Assert.Null(await Store.GetBundleAsync(new string('e', 16)));

    [Fact]
    public async Task Bundle_ids_must_be_lower_case_hex()
    {
        foreach (var bad in new[] { "../etc/passwd", "ABCDEF0123456789", "abc", new string('a', 129), "" })
        {
            await Assert.ThrowsAsync<ArgumentException>(async () => await Store.PutBundleAsync(bad, new byte[1]));
            await Assert.ThrowsAsync<ArgumentException>(async () => await Store.GetBundleAsync(bad));
            await Assert.ThrowsAsync<ArgumentException>(async () => await Store.BundleExistsAsync(bad));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    protected static KeyValuePair<TaskHash, ReadOnlyMemory<byte>> Entry(TaskHash key, byte[] value) => new(key, value);

    protected async Task<List<TaskHash>> ListAsync()
    {
        var keys = new List<TaskHash>();
        await foreach (var key in Store.ListAsync())
        {
            keys.Add(key);
        }

        return keys;
    }

    protected async Task<List<ClaimInfo>> ClaimsAsync()
    {
        var claims = new List<ClaimInfo>();
        await foreach (var claim in Store.ListClaimsAsync())
        {
            claims.Add(claim);
        }

        return claims;
    }

    protected async Task<List<RunRecord>> RunsAsync()
    {
        var runs = new List<RunRecord>();
        await foreach (var run in Store.ListRunsAsync())
        {
            runs.Add(run);
        }

        return runs;
    }

    protected async Task<List<FailureRecord>> FailuresAsync()
    {
        var failures = new List<FailureRecord>();
        await foreach (var failure in Store.ListFailuresAsync())
        {
            failures.Add(failure);
        }

        return failures;
    }
}
