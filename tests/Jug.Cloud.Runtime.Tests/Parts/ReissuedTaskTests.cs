using Jug.Cloud.Hashing;
using Jug.Cloud.Runtime.Grains.Dispatching;

namespace Jug.Cloud.Runtime.Tests.Parts;

/// <summary>
/// A task handed out again after its worker went silent comes marked as reissued, so that its new
/// holder looks in the store first: the silent worker may have stored it without reporting it.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ReissuedTaskTests
{
    private static readonly DateTime T0 = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static TaskHash Hash(int i) => CanonicalHash.OfValue($"reissued-{i}");

    [Fact]
    public void Tasks_of_a_silent_worker_come_marked_and_fresh_tasks_do_not()
    {
        var leases = new LeaseTable();
        var workers = new WorkerLiveness();
        var handout = new ReadyTaskHandout(leases, workers, new RetrySchedule());
        workers.Seen("killed", [], T0);
        handout.Add([Hash(1), Hash(2)], null, T0);

        var first = handout.Take("killed", [], 5);
        Assert.Equal(2, first.Tasks.Length);
        Assert.Null(first.Reissued);

        // The worker goes silent (killed after storing, before reporting); its tasks are queued again,
        // and a task that was never handed out joins them.
        handout.Reissue(workers.Expire(T0.AddSeconds(10)), T0.AddSeconds(10));
        handout.Add([Hash(3)], null, T0.AddSeconds(10));
        workers.Seen("survivor", [], T0.AddSeconds(10));
        var again = handout.Take("survivor", [], 5);

        Assert.Equal(3, again.Tasks.Length);
        Assert.NotNull(again.Reissued);
        var marked = again.Tasks.Zip(again.Reissued).ToDictionary(p => p.First, p => p.Second);
        Assert.True(marked[Hash(1)]);
        Assert.True(marked[Hash(2)]);
        Assert.False(marked[Hash(3)]);
    }

    [Fact]
    public void Tasks_handed_back_by_a_draining_worker_come_marked()
    {
        var leases = new LeaseTable();
        var workers = new WorkerLiveness();
        var handout = new ReadyTaskHandout(leases, workers, new RetrySchedule());
        workers.Seen("leaving", [], T0);
        workers.Seen("staying", [], T0);
        handout.Add([Hash(4)], null, T0);
        var held = handout.Take("leaving", [], 1);

        Assert.Equal(1, handout.Release("leaving", held.Tasks, T0.AddSeconds(1)));
        var taken = handout.Take("staying", [], 1);

        Assert.Equal([Hash(4)], taken.Tasks);
        Assert.Equal([true], Assert.IsType<bool[]>(taken.Reissued));
    }
}
