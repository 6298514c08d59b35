using Jug.Cloud.Hashing;
using Jug.Cloud.Runtime.Monitoring;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Memory;
using Jug.Cloud.Telemetry.Stores;

namespace Jug.Cloud.Telemetry.Tests;

[Trait("Category", "Unit")]
public sealed class InstrumentTests
{
    private static TaskHash Key(int i) => CanonicalHash.OfValue($"metrics-test-{i}");

    [Fact]
    public void A_commit_group_adds_finished_and_failed_by_name_and_records_each_run_time()
    {
        using var recorder = new MeterRecorder();
        var a = $"A{Guid.NewGuid():n}";
        var b = $"B{Guid.NewGuid():n}";
        RunRecord Run(int i, string name, double seconds, bool ok) =>
            new(Key(i), name, "w", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(seconds), 1, ok);

        TaskMetrics.RecordGroup([Run(1, a, 1, true), Run(2, a, 2, true), Run(3, b, 3, false), Run(4, a, 4, true)]);

        Assert.Equal(3, recorder.Values("jugcloud.tasks.finished", TaskMetrics.NameTag, a).Sum());
        Assert.Empty(recorder.Values("jugcloud.tasks.failed", TaskMetrics.NameTag, a));
        Assert.Equal(1, recorder.Values("jugcloud.tasks.failed", TaskMetrics.NameTag, b).Sum());
        Assert.Equal([1.0, 2.0, 4.0], recorder.Values("jugcloud.task.duration", TaskMetrics.NameTag, a).Order());
        // One add per run of one name, not one per task.
        Assert.Equal(2, recorder.Values("jugcloud.tasks.finished", TaskMetrics.NameTag, a).Count());
    }

    [Fact]
    public async Task A_metered_store_times_its_operations_and_counts_errors_by_provider()
    {
        using var recorder = new MeterRecorder();
        var provider = $"p{Guid.NewGuid():n}"[..12];
        await using var store = new MeteredStore(ThrowingGetStore.Over(new MemoryJugStore()), provider);

        await store.PutAsync(Key(1), new byte[] { 1, 2, 3 });
        Assert.True((await store.ExistsAsync([Key(1)]))[0]);
        await Assert.ThrowsAsync<IOException>(async () => await store.GetAsync(Key(1)));

        var ours = recorder.Measurements.Where(m => Equals(m.Tags.GetValueOrDefault("provider"), provider)).ToList();
        Assert.Contains(ours, m => m.Instrument == "jugcloud.store.duration" && Equals(m.Tags["operation"], "put"));
        Assert.Contains(ours, m => m.Instrument == "jugcloud.store.duration" && Equals(m.Tags["operation"], "exists"));
        Assert.Contains(ours, m => m.Instrument == "jugcloud.store.duration" && Equals(m.Tags["operation"], "get"));
        Assert.Single(ours, m => m.Instrument == "jugcloud.store.errors" && Equals(m.Tags["operation"], "get"));
        Assert.DoesNotContain(ours, m => m.Instrument == "jugcloud.store.errors" && !Equals(m.Tags["operation"], "get"));
    }
}
