using Jug.Cloud.Hashing;
using Jug.Cloud.Runtime.Grains.Dispatching;

namespace Jug.Cloud.Runtime.Tests.Parts;

/// <summary>A draining worker handing its tasks back (<see cref="ReadyTaskHandout.Release"/>), without a silo.</summary>
[Trait("Category", "Unit")]
public sealed class DispatcherReleaseTests
{
    private static readonly DateTime T0 = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static TaskHash Hash(int i) => CanonicalHash.OfValue($"dispatcher-release-{i}");

    [Fact]
    public void Released_tasks_are_queued_again_at_once_for_others_on_the_same_attempt()
    {
        var leases = new LeaseTable();
        var workers = new WorkerLiveness();
        var retries = new RetrySchedule();
        var handout = new ReadyTaskHandout(leases, workers, retries);
        retries.Schedule(Hash(2), 1);
        retries.Due();
        handout.Add([Hash(1), Hash(2), Hash(3)], null, T0);
        workers.Seen("leaving", [], T0);
        var taken = handout.Take("leaving", [], 3);
        Assert.Equal([1, 2, 1], taken.Attempts);
        Assert.Equal(0, handout.Queued);

        var released = handout.Release("leaving", [Hash(1), Hash(2)], T0.AddSeconds(1));

        Assert.Equal(2, released);
        Assert.Equal(2, handout.Queued);
        Assert.Equal(1, leases.Count); // Hash(3) is still running there
        Assert.False(workers.IsAlive("leaving"));
        var again = handout.Take("other", [], 5);
        Assert.Equal(new HashSet<TaskHash>([Hash(1), Hash(2)]), again.Tasks.ToHashSet());
        Assert.Equal(1, again.Attempts[Array.IndexOf(again.Tasks, Hash(1))]);
        Assert.Equal(2, again.Attempts[Array.IndexOf(again.Tasks, Hash(2))]);
        Assert.True(leases.TryGet(Hash(1), out var lease));
        Assert.Equal("other", lease.Worker);
    }

    [Fact]
    public void Only_tasks_the_worker_holds_are_released()
    {
        var leases = new LeaseTable();
        var handout = new ReadyTaskHandout(leases, new WorkerLiveness(), new RetrySchedule());
        handout.Add([Hash(1), Hash(2)], null, T0);
        handout.Take("a", [], 1);
        handout.Take("b", [], 1);

        // Hash(2) is b's, Hash(9) nobody's: neither goes back to the queue.
        Assert.Equal(1, handout.Release("a", [Hash(1), Hash(2), Hash(9)], T0));

        Assert.Equal(1, handout.Queued);
        Assert.True(leases.TryGet(Hash(2), out var kept));
        Assert.Equal("b", kept.Worker);
        Assert.Equal(0, handout.Release("a", [Hash(1)], T0)); // released once only
    }

    [Fact]
    public void A_task_released_while_running_is_counted_once_whichever_copy_reports_first()
    {
        var leases = new LeaseTable();
        leases.Grant(Hash(1), "leaving", T0);
        Assert.Equal([Hash(1)], leases.Release("leaving", [Hash(1)]));
        leases.Grant(Hash(1), "other", T0.AddSeconds(1));

        // The drained worker's copy finished after all and reports first: it counts, the other does not.
        Assert.True(leases.EndByReport(Hash(1)));
        leases.Settled(Hash(1));
        Assert.False(leases.EndByReport(Hash(1)));
        Assert.False(leases.IsFree(Hash(1)));
    }
}
