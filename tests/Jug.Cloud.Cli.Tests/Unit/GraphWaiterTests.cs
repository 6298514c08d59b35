using Jug.Cloud.Client;
using Jug.Cloud.Stores.Memory;

namespace Jug.Cloud.Cli.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class GraphWaiterTests
{
    private static readonly WaitOptions Fast = new() { CycleTime = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(10) };
    private readonly SmallGraph _graph = new();
    private readonly MemoryJugStore _store = new();

    [Fact]
    public async Task Returns_at_once_when_everything_is_done()
    {
        await SmallGraph.MarkDoneAsync(_store, [.. _graph.Graph.Tasks]);

        var checks = 0;
        var result = await GraphWaiter.WaitUntilDoneAsync(_graph.Graph, _store, Fast, new SyncProgress(_ => checks++));

        Assert.Equal(WaitOutcome.AllDone, result.Outcome);
        Assert.Equal(1, checks);
    }

    [Fact]
    public async Task Waits_for_results_another_process_writes()
    {
        var checks = 0;
        var progress = new SyncProgress(status =>
        {
            // Results appear while the waiter sleeps: a worker finishing one more task per cycle.
            if (++checks <= _graph.Graph.Count)
            {
                SmallGraph.MarkDoneAsync(_store, _graph.Graph.Tasks[checks - 1]).GetAwaiter().GetResult();
            }
        });

        var result = await GraphWaiter.WaitUntilDoneAsync(_graph.Graph, _store, Fast, progress);

        Assert.Equal(WaitOutcome.AllDone, result.Outcome);
        Assert.Equal(_graph.Graph.Count + 1, checks);
    }

    [Fact]
    public async Task A_failure_with_nothing_claimed_ends_the_wait_after_a_second_check()
    {
        await _store.PutFailureAsync(SmallGraph.Failure(_graph.Other));
        var checks = 0;

        var result = await GraphWaiter.WaitUntilDoneAsync(_graph.Graph, _store, Fast, new SyncProgress(_ => checks++));

        Assert.Equal(WaitOutcome.Failed, result.Outcome);
        Assert.Equal(2, checks);
        Assert.Equal(_graph.Other.Hash, Assert.Single(result.Status.Failures).Key);
    }

    [Fact]
    public async Task A_failure_while_another_task_is_claimed_keeps_waiting_until_the_timeout()
    {
        await _store.PutFailureAsync(SmallGraph.Failure(_graph.Other));
        Assert.True(await _store.TryClaimAsync(_graph.Leaves[0].Hash, "worker", TimeSpan.FromMinutes(1)));
        var options = Fast with { Timeout = TimeSpan.FromMilliseconds(200) };

        var result = await GraphWaiter.WaitUntilDoneAsync(_graph.Graph, _store, options);

        Assert.Equal(WaitOutcome.TimedOut, result.Outcome);
        Assert.InRange(result.Elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_task_finishing_between_checks_postpones_the_failure_verdict()
    {
        await _store.PutFailureAsync(SmallGraph.Failure(_graph.Other));
        var checks = 0;
        var progress = new SyncProgress(_ =>
        {
            if (++checks == 1)
            {
                SmallGraph.MarkDoneAsync(_store, _graph.Leaves[0]).GetAwaiter().GetResult();
            }
        });

        var result = await GraphWaiter.WaitUntilDoneAsync(_graph.Graph, _store, Fast, progress);

        Assert.Equal(WaitOutcome.Failed, result.Outcome);
        Assert.Equal(3, checks);
    }

    /// <summary>Reports synchronously, on the waiter's own thread (Progress&lt;T&gt; would post).</summary>
    private sealed class SyncProgress(Action<StatusReport> report) : IProgress<StatusReport>
    {
        public void Report(StatusReport value) => report(value);
    }
}
