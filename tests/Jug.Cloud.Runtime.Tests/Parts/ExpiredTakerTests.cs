using Jug.Cloud.Hashing;
using Jug.Cloud.Runtime.Grains.Dispatching;

namespace Jug.Cloud.Runtime.Tests.Parts;

/// <summary>
/// A worker that dies while its long poll waits at the dispatcher, with a lease timeout shorter than
/// the poll window: the dispatcher's parts wired as the dispatcher wires them, without a silo.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ExpiredTakerTests
{
    private static readonly DateTime T0 = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan LeaseTimeout = TimeSpan.FromSeconds(4);

    private static TaskHash Hash(int i) => CanonicalHash.OfValue($"expired-taker-{i}");

    [Fact]
    public async Task A_taker_whose_worker_expired_while_it_waited_is_served_nothing_and_its_tasks_go_to_others()
    {
        var leases = new LeaseTable();
        var workers = new WorkerLiveness();
        var handout = new ReadyTaskHandout(leases, workers, new RetrySchedule());
        var takers = new TakerQueue();

        // The worker asks, finds nothing queued and waits (a long poll of up to 5 s); then it dies.
        workers.Seen("dead", [], T0);
        var waiting = takers.Wait("dead", 2, []);

        // Four seconds of silence: it expires. Tasks become ready after that, while its poll still waits.
        var silent = workers.Expire(T0.AddSeconds(4.5) - LeaseTimeout);
        Assert.Equal(new HashSet<string> { "dead" }, silent);
        handout.Reissue(silent, T0.AddSeconds(4.5));
        handout.Add([Hash(1), Hash(2)], null, T0.AddSeconds(4.6));
        takers.Serve(handout, workers.IsAlive);

        // It gets nothing: a lease granted to it now would never expire (it is no longer among the workers
        // the dispatcher expires), and the run would wait for those tasks for ever.
        Assert.True(waiting.Result.Task.IsCompleted);
        Assert.Empty((await waiting.Result.Task).Tasks);
        Assert.Equal(0, leases.Count);
        Assert.Equal(0, takers.Count);
        Assert.Equal(2, handout.Queued);

        // A live worker takes them.
        workers.Seen("alive", [], T0.AddSeconds(5));
        var taken = handout.Take("alive", [], 5);
        Assert.Equal(new HashSet<TaskHash>([Hash(1), Hash(2)]), taken.Tasks.ToHashSet());
    }

    [Fact]
    public async Task A_taker_whose_worker_is_alive_is_served_as_before()
    {
        var leases = new LeaseTable();
        var workers = new WorkerLiveness();
        var handout = new ReadyTaskHandout(leases, workers, new RetrySchedule());
        var takers = new TakerQueue();
        workers.Seen("alive", [], T0);
        var waiting = takers.Wait("alive", 2, []);

        Assert.Empty(workers.Expire(T0.AddSeconds(3) - LeaseTimeout));
        handout.Add([Hash(3)], null, T0.AddSeconds(3));
        takers.Serve(handout, workers.IsAlive);

        Assert.Equal([Hash(3)], (await waiting.Result.Task).Tasks);
        Assert.True(leases.TryGet(Hash(3), out var lease));
        Assert.Equal("alive", lease.Worker);
    }
}
