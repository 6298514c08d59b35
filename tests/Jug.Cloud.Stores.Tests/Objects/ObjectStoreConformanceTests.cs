using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Tests.Objects;

/// <summary>
/// The store contract on the shared object store, without a server: once with a service that
/// ignores preconditions (claims through intent objects, as on S3), once with one that honours them
/// (ETag-style claims, as on Azure Blob).
/// </summary>
public abstract class ObjectStoreConformanceTests : StoreConformanceTests
{
    protected abstract InMemoryObjects Objects { get; }

    protected override IJugStore CreateStore() => new InMemoryObjectStore(Objects, Clock);

    [Fact]
    public async Task Each_kind_of_object_has_its_folder_under_the_prefix()
    {
        await Store.PutAsync(Key(1), Value(1));
        await Store.TryClaimAsync(Key(1), "me", TimeSpan.FromMinutes(1));
        await Store.PutFailureAsync(Failure(1));
        await Store.AppendRunsAsync([Run(1)]);
        await Store.PutBundleAsync(new string('a', 16), new byte[] { 1 });

        var keys = Objects.Keys;
        Assert.Equal(
            new[] { "jugdir/bundles/aaaaaaaaaaaaaaaa", $"jugdir/claims/{Key(1)}", $"jugdir/failures/{Key(1)}", $"jugdir/results/{Key(1)}" },
            keys.Where(k => !k.StartsWith("jugdir/runs/", StringComparison.Ordinal)));
        Assert.Single(keys, k => k.StartsWith("jugdir/runs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Objects_that_are_not_a_task_under_a_folder_are_not_listed()
    {
        await Store.PutAsync(Key(1), Value(1));
        await Objects.PutAsync("jugdir/results/not-a-hash", Value(2), default);
        await Objects.PutAsync($"jugdir/results/{Key(2)}.tmp", Value(2), default);
        await Objects.PutAsync($"elsewhere/results/{Key(3)}", Value(3), default);

        Assert.Equal([Key(1)], await ListAsync());
    }

    /// <summary>Rewrites each worker object with one byte flipped.</summary>
    protected override async Task<bool> CorruptWorkerStatusesAsync()
    {
        foreach (var key in Objects.Keys.Where(k => k.StartsWith("jugdir/workers/", StringComparison.Ordinal)))
        {
            var bytes = (await Objects.GetAsync(key, default))!;
            bytes[^1] ^= 0x55;
            await Objects.PutAsync(key, bytes, default);
        }

        return true;
    }

    [Fact]
    public async Task A_worker_record_is_one_object_named_by_a_hash_of_the_worker()
    {
        await Store.PutWorkerStatusAsync(Status("silo-1/run@2"));
        await Store.PutWorkerStatusAsync(Status("silo-1/run@2", tasksDone: 9));
        Assert.Equal([$"jugdir/workers/{WorkerStatusCodec.ObjectName("silo-1/run@2")}"], Objects.Keys);
    }

    [Fact]
    public async Task Listing_deletes_the_objects_of_records_long_expired()
    {
        await Store.PutWorkerStatusAsync(Status("host:1"));
        await Store.PutWorkerStatusAsync(Status("host:2") with { ExpiresAt = Clock.GetUtcNow() + TimeSpan.FromHours(1) });
        Clock.Advance(TimeSpan.FromSeconds(30) + WorkerStatus.ListedAfterExpiry);
        Assert.Equal("host:2", Assert.Single(await WorkersAsync()).Worker);
        Assert.Equal([$"jugdir/workers/{WorkerStatusCodec.ObjectName("host:2")}"], Objects.Keys);
    }

    [Fact]
    public async Task A_claim_that_is_not_json_counts_as_expired()
    {
        await Objects.PutAsync($"jugdir/claims/{Key(1)}", "not json"u8.ToArray(), default);
        Assert.True(await Store.TryClaimAsync(Key(1), "me", TimeSpan.FromMinutes(1)));
        Assert.Equal("me", Assert.Single(await ClaimsAsync()).Owner);
    }
}

[Trait("Category", "Unit")]
public sealed class IntentClaimObjectStoreConformanceTests : ObjectStoreConformanceTests
{
    protected override InMemoryObjects Objects { get; } = new();

    [Fact]
    public async Task Of_racing_takers_at_most_one_wins_and_no_intent_is_left_behind()
    {
        for (var round = 0; round < 20; round++)
        {
            var key = Key(100 + round);
            var stores = Enumerable.Range(0, 6).Select(_ => CreateStore()).ToArray();
            var won = await Task.WhenAll(stores.Select((s, i) => Task.Run(() => s.TryClaimAsync(key, $"owner{i}", TimeSpan.FromMinutes(1)).AsTask())));
            Assert.True(won.Count(w => w) <= 1, $"round {round}: {won.Count(w => w)} takers won");
            if (Array.IndexOf(won, true) is var winner and >= 0)
            {
                Assert.Equal($"owner{winner}", Assert.Single(await ClaimsAsync(), c => c.Key == key).Owner);
            }
        }

        Assert.DoesNotContain(Objects.Keys, k => k.Contains("claim-intents/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_live_intent_of_another_taker_makes_a_taker_back_off_and_a_stale_one_does_not()
    {
        var intent = $"jugdir/claim-intents/{Key(1)}/other";
        await Objects.PutAsync(intent, """{"Owner":"other","ExpiresAt":"2026-01-01T00:00:30+00:00"}"""u8.ToArray(), default);
        Assert.False(await Store.TryClaimAsync(Key(1), "me", TimeSpan.FromMinutes(1)));

        Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await Store.TryClaimAsync(Key(1), "me", TimeSpan.FromMinutes(1)));
        Assert.DoesNotContain(intent, Objects.Keys);
    }
}

[Trait("Category", "Unit")]
public sealed class ConditionalClaimObjectStoreConformanceTests : ObjectStoreConformanceTests
{
    protected override InMemoryObjects Objects { get; } = new ConditionalInMemoryObjects();

    [Fact]
    public async Task Of_racers_for_an_expired_claim_exactly_one_takes_it_over_and_the_old_owner_cannot_renew()
    {
        Assert.True(await Store.TryClaimAsync(Key(1), "dead", TimeSpan.FromSeconds(5)));
        Clock.Advance(TimeSpan.FromSeconds(6));
        var stores = Enumerable.Range(0, 6).Select(_ => CreateStore()).ToArray();
        var won = await Task.WhenAll(stores.Select((s, i) => Task.Run(() => s.TryClaimAsync(Key(1), $"owner{i}", TimeSpan.FromMinutes(1)).AsTask())));
        var winner = Assert.Single(Enumerable.Range(0, 6), i => won[i]);
        Assert.Equal($"owner{winner}", Assert.Single(await ClaimsAsync()).Owner);
        Assert.False(await Store.RenewClaimAsync(Key(1), "dead", TimeSpan.FromMinutes(1)));
        Assert.False(await Store.ReleaseClaimAsync(Key(1), "dead"));
    }

    [Fact]
    public async Task Claims_are_taken_without_intent_objects()
    {
        Assert.True(await Store.TryClaimAsync(Key(1), "me", TimeSpan.FromMinutes(1)));
        Assert.Equal([$"jugdir/claims/{Key(1)}"], Objects.Keys);
    }
}
