using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Grains;
using Jug.Cloud.Cluster.Runs;
using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains;

namespace Jug.Cloud.Cli.Tests.Unit.Cluster;

[Trait("Category", "Unit")]
public sealed class RunCountsTests
{
    private static readonly RunDescriptor Run = new() { RunId = "r", Jugdir = "memory:", BundleId = "b", PackageId = "p", Name = "n", TaskCount = 20 };

    [Fact]
    public void Shards_counts_add_up_per_name_with_the_first_error_seen()
    {
        NameCounts[][] shards =
        [
            [new("a", 1, 2, 3, 0, null), new("b", 0, 0, 1, 1, "b broke")],
            [new("a", 4, 5, 6, 1, "a broke")],
            [new("b", 1, 0, 0, 1, "b broke again")],
        ];

        var counts = RunCounts.Combine(shards).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

        Assert.Equal([new NameCounts("a", 5, 7, 9, 1, "a broke"), new NameCounts("b", 1, 0, 1, 2, "b broke")], counts);
    }

    [Fact]
    public void Tasks_stored_before_the_epoch_count_as_done_and_names_come_out_in_order()
    {
        var counts = RunCounts.WithStoredBefore(
            [new NameCounts("m", 1, 1, 1, 0, null), new NameCounts("c", 0, 2, 0, 0, null)],
            new Dictionary<string, int> { ["m"] = 4, ["a"] = 3 });

        Assert.Equal(
            [new NameCounts("a", 0, 0, 3, 0, null), new NameCounts("c", 0, 2, 0, 0, null), new NameCounts("m", 1, 1, 5, 0, null)],
            counts);
    }

    [Fact]
    public void Unknown_epoch_counts_leave_the_tasks_stored_before()
    {
        var counts = RunCounts.WithStoredBefore(null, new Dictionary<string, int> { ["a"] = 2 });

        Assert.Equal([new NameCounts("a", 0, 0, 2, 0, null)], counts);
    }

    [Fact]
    public void Completed_counts_earlier_epochs_and_never_goes_back_while_the_run_is_active()
    {
        var counts = new RunCounts();
        var state = new RunGrainState { Run = Run, State = RunState.Running, InitialDone = 2, EpochDone = 2 };

        var first = counts.Describe(state, Run, new RunProgress(18, 0, 1, 8, 0, false));
        Assert.Equal(8, first.Completed);
        Assert.Equal(18, first.Submitted);
        Assert.Equal(2, first.AlreadyDone);
        Assert.Equal(1, first.Running);

        // The epoch was lost after storing 8; the next one found only 6 of them (two were corrupt).
        state.State = RunState.Submitting;
        state.EpochDone = 8;
        Assert.Equal(8, counts.Describe(state, Run, null).Completed);
        state.State = RunState.Running;
        Assert.Equal(8, counts.Describe(state, Run, new RunProgress(12, 0, 0, 2, 0, false)).Completed);
        Assert.Equal(9, counts.Describe(state, Run, new RunProgress(12, 0, 0, 3, 0, false)).Completed);
        Assert.Equal(9, counts.CompletedSeen);
    }

    [Fact]
    public void A_run_that_is_over_shows_its_final_counters_as_they_are()
    {
        var counts = new RunCounts();
        var state = new RunGrainState { Run = Run, State = RunState.Running, InitialDone = 0, EpochDone = 0 };
        counts.Describe(state, Run, new RunProgress(20, 0, 0, 15, 0, false));
        state.State = RunState.Stopped;
        state.Error = "stopped";
        state.Finished = DateTimeOffset.UnixEpoch;

        var info = counts.Describe(state, Run, new RunProgress(20, 0, 0, 12, 1, true) { WaitingForTags = ["gpu"] });

        Assert.Equal(12, info.Completed);
        Assert.Equal(1, info.Failed);
        Assert.Equal(["gpu"], info.WaitingForTags);
        Assert.Equal("stopped", info.Error);
        Assert.Equal(DateTimeOffset.UnixEpoch, info.Finished);
        Assert.True(info.IsOver);
    }
}
