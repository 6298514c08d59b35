using Jug.Cloud.Encoding;
using Jug.Cloud.Hashing;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;
using Jug.Cloud.Stores.Memory;

namespace Jug.Cloud.Stores.Tests;

/// <summary>What only the file store promises: its layout, its temporaries, and claims between processes.</summary>
[Trait("Category", "Unit")]
public sealed class FileStoreTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly DirectoryInfo _parent = Directory.CreateTempSubdirectory("jug-file-");

    private string Root => Path.Combine(_parent.FullName, "run.jugdata");

    private FileJugStore Open(TimeProvider? time = null, bool durable = true) =>
        new(new FileStoreOptions { Root = Root, TimeProvider = time ?? TimeProvider.System, Durable = durable });

    private static TaskHash Key(object value) => CanonicalHash.OfValue(value);

    private string LockPath(TaskHash key) => Path.Combine(Root, "locks", key + ".lock");

    [Fact]
    public async Task Objects_live_where_the_layout_says()
    {
        var store = Open();
        var key = Key(1);
        var hex = key.ToString();
        await store.PutAsync(key, ResultCodec.Encode(1));
        await store.TryClaimAsync(key, "me", Minute);
        await store.PutFailureAsync(new FailureRecord(key, "T", "E", "m", "s", 1, "w", DateTimeOffset.UnixEpoch));
        await store.PutBundleAsync(new string('a', 40), new byte[] { 1 });

        Assert.True(System.IO.File.Exists(Path.Combine(Root, "results", hex[..2], hex)));
        Assert.True(System.IO.File.Exists(Path.Combine(Root, "locks", hex + ".lock")));
        Assert.True(System.IO.File.Exists(Path.Combine(Root, "failures", hex + ".json")));
        Assert.True(System.IO.File.Exists(Path.Combine(Root, "bundles", new string('a', 40))));
        Assert.Empty(Directory.EnumerateFiles(Root, ".*", SearchOption.AllDirectories));

        var lockJson = await System.IO.File.ReadAllTextAsync(LockPath(key));
        Assert.Contains("\"Owner\":\"me\"", lockJson);
        Assert.True(StoredObject.IsValid(await System.IO.File.ReadAllBytesAsync(Path.Combine(Root, "failures", hex + ".json"))));
    }

    [Fact]
    public async Task Opening_and_reading_creates_nothing()
    {
        await using var store = new StoreRegistry().AddFileStore().Open(Root);
        await store.ExistsAsync([Key(1)]);
        await store.GetAsync(Key(1));
        await store.DeleteAsync(Key(1));
        await store.GetFailureAsync(Key(1));
        await store.DeleteFailureAsync(Key(1));
        await store.GetBundleAsync(new string('b', 16));
        await store.BundleExistsAsync(new string('b', 16));
        await store.ReleaseClaimAsync(Key(1), "me");
        await store.RenewClaimAsync(Key(1), "me", Minute);
        await store.BreakClaimAsync(Key(1));
        await foreach (var _ in store.ListAsync())
        {
        }

        await foreach (var _ in store.ListClaimsAsync())
        {
        }

        await foreach (var _ in store.ListFailuresAsync())
        {
        }

        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public async Task Temporary_files_are_never_listed_or_read_as_objects()
    {
        var key = Key(2);
        var hex = key.ToString();
        Write(Path.Combine("results", hex[..2], $".{hex}.123.tmp"), ResultCodec.Encode(2));
        Write(Path.Combine("failures", $".{hex}.json.123.tmp"), [1]);
        Write(Path.Combine("locks", $".{hex}.lock.123.tmp"), [1]);
        Write(Path.Combine("locks", $".{hex}.break"), []);
        var store = Open();

        await foreach (var listed in store.ListAsync())
        {
            Assert.Fail($"listed {listed}");
        }

        await foreach (var claim in store.ListClaimsAsync())
        {
            Assert.Fail($"listed claim {claim}");
        }

        await foreach (var failure in store.ListFailuresAsync())
        {
            Assert.Fail($"listed failure {failure}");
        }

        Assert.Null(await store.GetAsync(key));
        Assert.Equal(new[] { false }, await store.ExistsAsync([key]));
    }

    [Fact]
    public async Task A_truncated_or_empty_result_file_is_corrupt()
    {
        var store = Open();
        await store.PutAsync(Key(3), ResultCodec.Encode(new long[100]));
        var hex = Key(3).ToString();
        var path = Path.Combine(Root, "results", hex[..2], hex);
        await System.IO.File.WriteAllBytesAsync(path, []);
        var error = await Assert.ThrowsAsync<CorruptObjectException>(async () => await store.GetAsync(Key(3)));
        Assert.Contains(hex, error.Message);
    }

    [Fact]
    public async Task A_damaged_failure_record_is_reported_by_get_and_left_out_of_the_list()
    {
        var store = Open();
        await store.PutFailureAsync(new FailureRecord(Key(4), "T", "E", "m", "s", 1, "w", DateTimeOffset.UnixEpoch));
        await store.PutFailureAsync(new FailureRecord(Key(5), "T", "E", "m", "s", 1, "w", DateTimeOffset.UnixEpoch));
        await System.IO.File.WriteAllTextAsync(Path.Combine(Root, "failures", Key(4) + ".json"), "{\"not\":\"enveloped\"}");

        await Assert.ThrowsAsync<CorruptObjectException>(async () => await store.GetFailureAsync(Key(4)));
        var listed = new List<TaskHash>();
        await foreach (var failure in store.ListFailuresAsync())
        {
            listed.Add(failure.Key);
        }

        Assert.Equal([Key(5)], listed);
    }

    [Fact]
    public async Task A_damaged_bundle_is_reported_and_a_wrong_sized_one_is_rewritten()
    {
        var store = Open();
        var id = new string('f', 32);
        await store.PutBundleAsync(id, new byte[] { 1, 2, 3 });
        var path = Path.Combine(Root, "bundles", id);
        var bytes = await System.IO.File.ReadAllBytesAsync(path);
        await System.IO.File.WriteAllBytesAsync(path, bytes[..^1]);

        await Assert.ThrowsAsync<CorruptObjectException>(async () => await store.GetBundleAsync(id));
        await store.PutBundleAsync(id, new byte[] { 1, 2, 3 });
        Assert.Equal(new byte[] { 1, 2, 3 }, await store.GetBundleAsync(id));
    }

    [Fact]
    public async Task Of_eight_racing_processes_exactly_one_claims_a_key()
    {
        for (var round = 0; round < 20; round++)
        {
            var key = Key($"race {round}");
            var stores = Enumerable.Range(0, 8).Select(_ => Open()).ToArray();
            var results = await RaceAsync(stores.Select((store, i) => (Func<ValueTask<bool>>)(() => store.TryClaimAsync(key, $"owner{i}", Minute))));
            Assert.Single(results, won => won);
        }
    }

    [Fact]
    public async Task Of_racers_for_an_expired_lock_exactly_one_breaks_it()
    {
        var clock = new FakeTimeProvider();
        for (var round = 0; round < 20; round++)
        {
            var key = Key($"stale {round}");
            Assert.True(await Open(clock).TryClaimAsync(key, "dead", TimeSpan.FromSeconds(5)));
            clock.Advance(TimeSpan.FromSeconds(6));

            var stores = Enumerable.Range(0, 8).Select(_ => Open(clock)).ToArray();
            var results = await RaceAsync(stores.Select((store, i) => (Func<ValueTask<bool>>)(() => store.TryClaimAsync(key, $"owner{i}", Minute))));

            var winner = Assert.Single(Enumerable.Range(0, 8), i => results[i]);
            var claim = Assert.Single(await ListClaimsAsync(Open(clock)), c => c.Key == key);
            Assert.Equal($"owner{winner}", claim.Owner);
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(Root, "locks"), ".*"));
        }
    }

    [Fact]
    public async Task Claiming_and_releasing_from_many_processes_never_has_two_holders()
    {
        var key = Key("churn");
        var holders = 0;
        var maximum = 0;
        var wins = 0;
        var stores = Enumerable.Range(0, 8).Select(_ => Open()).ToArray();
        await RaceAsync(stores.Select((store, i) => (Func<ValueTask<bool>>)(async () =>
        {
            for (var round = 0; round < 40; round++)
            {
                if (!await store.TryClaimAsync(key, $"owner{i}", Minute))
                {
                    continue;
                }

                var now = Interlocked.Increment(ref holders);
                InterlockedMax(ref maximum, now);
                Interlocked.Increment(ref wins);
                Thread.SpinWait(2000);
                Interlocked.Decrement(ref holders);
                Assert.True(await store.ReleaseClaimAsync(key, $"owner{i}"));
            }

            return true;
        })));

        Assert.Equal(1, maximum);
        Assert.True(wins > 0);
    }

    [Fact]
    public async Task An_empty_lock_file_holds_until_its_mtime_is_a_time_to_live_old()
    {
        var clock = new FakeTimeProvider();
        var key = Key(6);
        Write(Path.Combine("locks", key + ".lock"), []);
        System.IO.File.SetLastWriteTimeUtc(LockPath(key), clock.GetUtcNow().UtcDateTime);
        var store = Open(clock);

        Assert.False(await store.TryClaimAsync(key, "me", Minute));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await store.TryClaimAsync(key, "me", Minute));
        Assert.Equal("me", Assert.Single(await ListClaimsAsync(store)).Owner);
    }

    [Fact]
    public async Task An_abandoned_break_marker_is_cleared_and_a_fresh_one_is_respected()
    {
        var clock = new FakeTimeProvider();
        var key = Key(7);
        var store = Open(clock);
        Assert.True(await store.TryClaimAsync(key, "dead", TimeSpan.FromSeconds(1)));
        clock.Advance(TimeSpan.FromSeconds(2));
        var marker = Path.Combine(Root, "locks", $".{key}.break");

        Write(Path.Combine("locks", $".{key}.break"), []);
        Assert.False(await store.TryClaimAsync(key, "me", Minute));
        Assert.True(System.IO.File.Exists(marker));

        System.IO.File.SetLastWriteTimeUtc(marker, DateTime.UtcNow - TimeSpan.FromMinutes(5));
        Assert.False(await store.TryClaimAsync(key, "me", Minute));
        Assert.False(System.IO.File.Exists(marker));
        Assert.True(await store.TryClaimAsync(key, "me", Minute));
    }

    [Fact]
    public async Task Durable_writes_run_the_fsync_path_and_read_back()
    {
        var store = Open(durable: true);
        var entries = Enumerable.Range(0, 100)
            .Select(i => new KeyValuePair<TaskHash, ReadOnlyMemory<byte>>(Key(i), ResultCodec.Encode(i)))
            .ToArray();
        await store.PutManyAsync(entries);
        await store.PutAsync(Key("single"), ResultCodec.Encode("single"));
        await store.PutFailureAsync(new FailureRecord(Key(1), "T", "E", "m", "s", 1, "w", DateTimeOffset.UnixEpoch));
        await store.PutBundleAsync(new string('0', 16), new byte[] { 1 });

        var reopened = Open();
        Assert.All(await reopened.ExistsAsync(entries.Select(e => e.Key).Append(Key("single")).ToArray()), Assert.True);
        Assert.Equal(99, ResultCodec.Decode<int>((await reopened.GetAsync(Key(99)))!));
        Assert.Empty(Directory.EnumerateFiles(Root, ".*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_scratch_store_without_fsync_still_writes_whole_objects()
    {
        var store = Open(durable: false);
        await store.PutAsync(Key(3), ResultCodec.Encode(new double[1000]));
        await store.PutManyAsync([new(Key(4), ResultCodec.Encode(4))]);
        Assert.Equal(new double[1000], ResultCodec.Decode<double[]>((await store.GetAsync(Key(3)))!));
        Assert.Equal(4, ResultCodec.Decode<int>((await store.GetAsync(Key(4)))!));
    }

    [Fact]
    public async Task Put_many_cancelled_midway_leaves_no_temporaries()
    {
        using var cancel = new CancellationTokenSource();
        var entries = new CancelAtList(
            Enumerable.Range(0, 10).Select(i => new KeyValuePair<TaskHash, ReadOnlyMemory<byte>>(Key(i), ResultCodec.Encode(i))).ToList(),
            cancelAt: 5,
            cancel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Open().PutManyAsync(entries, cancel.Token));
        Assert.False(Directory.Exists(Root) && Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public void The_registry_opens_bare_paths_and_file_uris_as_file_stores()
    {
        var registry = new StoreRegistry().AddFileStore().AddMemoryStore();
        var relative = Assert.IsType<FileJugStore>(registry.Open("data/run.jugdata", _parent.FullName));
        Assert.Equal(Path.Combine(_parent.FullName, "data", "run.jugdata"), relative.Root);
        Assert.Equal(relative.Root, relative.DisplayName);
        Assert.Equal(Root, Assert.IsType<FileJugStore>(registry.Open($"file://{Root}")).Root);
        Assert.False(Directory.Exists(Path.Combine(_parent.FullName, "data")));
    }

    /// <summary>Runs each racer on its own thread, all released at once (a pool thread would ramp up too slowly).</summary>
    private static async Task<bool[]> RaceAsync(IEnumerable<Func<ValueTask<bool>>> racers)
    {
        var list = racers.ToList();
        using var start = new Barrier(list.Count);
        return await Task.WhenAll(list.Select(racer => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return racer().AsTask();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var previous && previous != seen)
        {
            seen = previous;
        }
    }

    private void Write(string relative, byte[] content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, content);
    }

    private static async Task<List<ClaimInfo>> ListClaimsAsync(IJugStore store)
    {
        var claims = new List<ClaimInfo>();
        await foreach (var claim in store.ListClaimsAsync())
        {
            claims.Add(claim);
        }

        return claims;
    }

    public void Dispose() => _parent.Delete(recursive: true);

    /// <summary>A list that cancels a token when its item at <c>at</c> is first read: cancellation mid-batch.</summary>
    private sealed class CancelAtList(List<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> items, int cancelAt, CancellationTokenSource cancel)
        : IReadOnlyList<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>>
    {
        public int Count => items.Count;

        public KeyValuePair<TaskHash, ReadOnlyMemory<byte>> this[int index] => At(index);

        public IEnumerator<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> GetEnumerator()
        {
            for (var i = 0; i < items.Count; i++)
            {
                yield return At(i);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private KeyValuePair<TaskHash, ReadOnlyMemory<byte>> At(int index)
        {
            if (index == cancelAt)
            {
                cancel.Cancel();
            }

            return items[index];
        }
    }
}
