using Jug.Cloud.Hashing;
using Jug.Cloud.Runtime.Grains.Dispatching;

namespace Jug.Cloud.Runtime.Tests.Parts;

/// <summary>Leases, worker liveness and reissue, without a silo.</summary>
[Trait("Category", "Unit")]
public sealed class LeaseTableTests
{
    private static readonly DateTime T0 = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static TaskHash Hash(int i) => CanonicalHash.OfValue($"lease-table-{i}");

    [Fact]
    public void Workers_silent_since_before_the_deadline_expire_and_others_keep_their_last_heartbeat()
    {
        var workers = new WorkerLiveness();
        workers.Seen("silent", T0);
        workers.Seen("alive", ["gpu"], T0);
        workers.Seen("alive", T0.AddSeconds(2));

        var expired = workers.Expire(T0.AddSeconds(1));

        Assert.Equal(["silent"], expired);
        Assert.False(workers.IsAlive("silent"));
        Assert.True(workers.IsAlive("alive"));
        Assert.True(workers.TryGetLastSeen("alive", out var lastSeen));
        Assert.Equal(T0.AddSeconds(2), lastSeen);
        Assert.True(workers.Serves("gpu"));
        Assert.Empty(workers.Expire(T0.AddSeconds(1)));
    }

    [Fact]
    public void A_tag_is_served_only_while_a_worker_that_has_it_is_alive()
    {
        var workers = new WorkerLiveness();
        workers.Seen("w", ["gpu"], T0);
        Assert.False(workers.Serves("fpga"));

        workers.Expire(T0.AddSeconds(1));

        Assert.False(workers.Serves("gpu"));
    }

    [Fact]
    public void Reissue_ends_only_the_silent_workers_leases_and_frees_their_tasks()
    {
        var leases = new LeaseTable();
        leases.Grant(Hash(1), "silent", T0);
        leases.Grant(Hash(2), "alive", T0.AddSeconds(1));
        Assert.False(leases.IsFree(Hash(1)));

        var orphans = leases.Reissue(new HashSet<string>(["silent"], StringComparer.Ordinal));

        Assert.Equal([Hash(1)], orphans);
        Assert.Equal(1, leases.Count);
        Assert.True(leases.IsFree(Hash(1)));
        Assert.False(leases.TryGet(Hash(1), out _));
        Assert.True(leases.TryGet(Hash(2), out var kept));
        Assert.Equal(new Lease("alive", T0.AddSeconds(1)), kept);
    }

    [Fact]
    public void The_late_report_of_a_reissued_task_settled_elsewhere_is_counted_once()
    {
        var leases = new LeaseTable();
        leases.Grant(Hash(1), "silent", T0);
        leases.Reissue(new HashSet<string>(["silent"], StringComparer.Ordinal));
        leases.Grant(Hash(1), "alive", T0.AddSeconds(5));

        Assert.True(leases.EndByReport(Hash(1)));
        leases.Settled(Hash(1));
        Assert.False(leases.EndByReport(Hash(1)));

        // Settled after a reissue: a stale queue entry of it is not handed out again.
        Assert.False(leases.IsFree(Hash(1)));
        Assert.Equal(0, leases.Count);
    }

    [Fact]
    public void A_task_never_reissued_is_not_remembered_once_reported()
    {
        var leases = new LeaseTable();
        leases.Grant(Hash(1), "w", T0);

        Assert.True(leases.EndByReport(Hash(1)));
        leases.Settled(Hash(1));

        Assert.True(leases.IsFree(Hash(1)));
        Assert.True(leases.EndByReport(Hash(1)));
    }

    [Fact]
    public void Handing_out_leases_each_task_to_the_taker_from_one_clock_reading_with_its_next_attempt()
    {
        var leases = new LeaseTable();
        var retries = new RetrySchedule();
        var handout = new ReadyTaskHandout(leases, new WorkerLiveness(), retries);
        retries.Schedule(Hash(2), 1);
        retries.Due();
        var before = DateTime.UtcNow;
        handout.Add([Hash(1), Hash(2), Hash(3)], null, before);

        var batch = handout.Take("w", [], 2);

        Assert.Equal([Hash(1), Hash(2)], batch.Tasks);
        Assert.Equal([1, 2], batch.Attempts);
        Assert.True(leases.TryGet(Hash(1), out var first));
        Assert.True(leases.TryGet(Hash(2), out var second));
        Assert.Equal("w", first.Worker);
        Assert.InRange(first.Since, before, DateTime.UtcNow);
        Assert.Equal(first.Since, second.Since);
        Assert.Equal([Hash(3)], handout.Take("other", [], 5).Tasks);
        Assert.Empty(handout.Take("other", [], 5).Tasks);
    }

    [Fact]
    public void A_leased_task_queued_again_is_skipped_until_its_lease_ends()
    {
        var leases = new LeaseTable();
        var handout = new ReadyTaskHandout(leases, new WorkerLiveness(), new RetrySchedule());
        handout.Add(Hash(1), T0);
        Assert.Single(handout.Take("w", [], 1).Tasks);

        handout.Add(Hash(1), T0);
        Assert.Empty(handout.Take("other", [], 1).Tasks);

        leases.EndByReport(Hash(1));
        handout.Add(Hash(1), T0);
        Assert.Equal([Hash(1)], handout.Take("other", [], 1).Tasks);
        Assert.Empty(handout.Take("other", [], 1).Tasks);
    }
}
