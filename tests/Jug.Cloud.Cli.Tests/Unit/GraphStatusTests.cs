using Jug.Cloud.Client;
using Jug.Cloud.Stores.Memory;

namespace Jug.Cloud.Cli.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class GraphStatusTests
{
    private readonly SmallGraph _graph = new();
    private readonly MemoryJugStore _store = new();

    [Fact]
    public async Task Nothing_stored_means_leaves_ready_and_the_rest_waiting()
    {
        var report = await GraphStatus.ComputeAsync(_graph.Graph, _store);

        Assert.Equal(["Jug.Cloud.Cli.Tests.Unit.Steps.Leaf", "Jug.Cloud.Cli.Tests.Unit.Steps.Combine", "Jug.Cloud.Cli.Tests.Unit.Steps.Final", "Jug.Cloud.Cli.Tests.Unit.Steps.Other"], report.Rows.Select(r => r.Name));
        Assert.Equal(new StatusRow("Jug.Cloud.Cli.Tests.Unit.Steps.Leaf", 0, 3, 0, 0, 0), report.Rows[0]);
        Assert.Equal(new StatusRow("Jug.Cloud.Cli.Tests.Unit.Steps.Combine", 1, 0, 0, 0, 0), report.Rows[1]);
        Assert.Equal(new StatusRow("Total", 2, 4, 0, 0, 0), report.Total);
        Assert.False(report.AllDone);
    }

    [Fact]
    public async Task Done_leaves_make_their_dependent_ready()
    {
        await SmallGraph.MarkDoneAsync(_store, [.. _graph.Leaves]);

        var report = await GraphStatus.ComputeAsync(_graph.Graph, _store);

        Assert.Equal(new StatusRow("Jug.Cloud.Cli.Tests.Unit.Steps.Leaf", 0, 0, 0, 3, 0), report.Rows[0]);
        Assert.Equal(TaskState.Ready, StateOf(report, _graph.Combine));
        Assert.Equal(TaskState.Waiting, StateOf(report, _graph.Final));
    }

    [Fact]
    public async Task A_failure_record_marks_a_task_failed_and_is_reported()
    {
        await SmallGraph.MarkDoneAsync(_store, [.. _graph.Leaves]);
        await _store.PutFailureAsync(SmallGraph.Failure(_graph.Combine, "exploded"));

        var report = await GraphStatus.ComputeAsync(_graph.Graph, _store);

        Assert.Equal(TaskState.Failed, StateOf(report, _graph.Combine));
        Assert.Equal(TaskState.Waiting, StateOf(report, _graph.Final));
        Assert.Equal("exploded", Assert.Single(report.Failures).Message);
        Assert.Equal(1, report.Total.Failed);
    }

    [Fact]
    public async Task A_stored_result_wins_over_an_old_failure()
    {
        await _store.PutFailureAsync(SmallGraph.Failure(_graph.Other));
        await SmallGraph.MarkDoneAsync(_store, _graph.Other);

        var report = await GraphStatus.ComputeAsync(_graph.Graph, _store);

        Assert.Equal(TaskState.Done, StateOf(report, _graph.Other));
        Assert.Empty(report.Failures);
    }

    [Fact]
    public async Task An_unexpired_claim_is_running_and_an_expired_one_is_not()
    {
        Assert.True(await _store.TryClaimAsync(_graph.Leaves[0].Hash, "worker-a", TimeSpan.FromMinutes(5)));
        Assert.True(await _store.TryClaimAsync(_graph.Leaves[1].Hash, "worker-b", TimeSpan.FromMilliseconds(1)));
        await Task.Delay(20);

        var report = await GraphStatus.ComputeAsync(_graph.Graph, _store);

        Assert.Equal(TaskState.Running, StateOf(report, _graph.Leaves[0]));
        Assert.Equal(TaskState.Ready, StateOf(report, _graph.Leaves[1]));
        Assert.Equal(1, report.Total.Running);
    }

    [Fact]
    public async Task Everything_stored_is_all_done()
    {
        await SmallGraph.MarkDoneAsync(_store, [.. _graph.Graph.Tasks]);

        var report = await GraphStatus.ComputeAsync(_graph.Graph, _store);

        Assert.True(report.AllDone);
        Assert.Equal(6, report.Total.Done);
        Assert.Equal(_graph.Graph.Tasks, report.Tasks.Select(t => t.Task));
        Assert.All(report.Tasks, t => Assert.Equal(TaskState.Done, t.State));
    }

    private static TaskState StateOf(StatusReport report, Graph.TaskNode task) =>
        report.Tasks.Single(t => t.Task == task).State;
}
