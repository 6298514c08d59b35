using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Grains;
using Jug.Cloud.Cluster.Runs;
using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains;

namespace Jug.Cloud.Cli.Tests.Unit.Cluster;

[Trait("Category", "Unit")]
public sealed class RunLifecycleTests
{
    [Theory]
    [InlineData(10, 9, 1, RunState.Failed)]
    [InlineData(10, 10, 1, RunState.Failed)]
    [InlineData(10, 10, 0, RunState.Done)]
    [InlineData(10, 9, 0, RunState.Stopped)]
    public void A_finished_epoch_ends_the_run_failed_if_a_task_failed_done_if_all_stored_else_stopped(int submitted, int completed, int failed, RunState expected)
    {
        var outcome = RunOutcome.Finished(new RunProgress(submitted, 0, 0, completed, failed, true), null);

        Assert.Equal(expected, outcome.State);
        Assert.Null(outcome.Error);
    }

    [Fact]
    public void The_first_epoch_records_what_was_stored_before_the_run()
    {
        var state = Started();

        Assert.Null(RunLifecycle.Planned(state, 1, Plan(toRun: 3, done: 4)));

        Assert.Equal(4, state.InitialDone);
        Assert.Equal(4, state.EpochDone);
        Assert.Equal(0, state.StalledEpochs);
        Assert.Equal(4, state.EpochDoneByName["t"]);
    }

    [Fact]
    public void An_epoch_with_nothing_left_to_run_ends_the_run_done()
    {
        var state = Started();

        var outcome = RunLifecycle.Planned(state, 1, Plan(toRun: 0, done: 5));

        Assert.NotNull(outcome);
        Assert.Equal(RunState.Done, outcome.State);
        RunLifecycle.End(state, outcome, DateTimeOffset.UnixEpoch);
        Assert.Equal(RunState.Done, state.State);
        Assert.Equal(new RunProgress(0, 0, 0, 0, 0, true), state.Final);
        Assert.Empty(state.FinalCounts!);
        Assert.Equal(DateTimeOffset.UnixEpoch, state.Finished);
    }

    [Fact]
    public void Ten_lost_epochs_in_a_row_without_progress_give_the_run_up_with_the_last_reason()
    {
        var state = Started();
        Assert.Null(RunLifecycle.Planned(state, 1, Plan(toRun: 5, done: 2)));
        state.LostReason = "a corrupt input";

        for (var epoch = 2; epoch <= RunLifecycle.MaxStalledEpochs; epoch++)
        {
            Assert.Null(RunLifecycle.Planned(state, epoch, Plan(toRun: 5, done: 2)));
        }

        var outcome = RunLifecycle.Planned(state, RunLifecycle.MaxStalledEpochs + 1, Plan(toRun: 5, done: 2));

        Assert.NotNull(outcome);
        Assert.Equal(RunState.Failed, outcome.State);
        Assert.Equal(RunLifecycle.MaxStalledEpochs, state.StalledEpochs);
        Assert.Contains("10 times in a row", outcome.Error, StringComparison.Ordinal);
        Assert.EndsWith("because a corrupt input.", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(2, state.InitialDone);
    }

    [Fact]
    public void An_epoch_that_stored_more_resets_the_stalled_count()
    {
        var state = Started();
        RunLifecycle.Planned(state, 1, Plan(toRun: 5, done: 2));
        RunLifecycle.Planned(state, 2, Plan(toRun: 5, done: 2));
        RunLifecycle.Planned(state, 3, Plan(toRun: 5, done: 2));
        Assert.Equal(2, state.StalledEpochs);

        Assert.Null(RunLifecycle.Planned(state, 4, Plan(toRun: 4, done: 3)));

        Assert.Equal(0, state.StalledEpochs);
        Assert.Equal(3, state.EpochDone);
    }

    [Fact]
    public void Giving_up_records_the_reason_and_leaves_counters_it_does_not_carry()
    {
        var state = Started();
        var counts = new List<NameCounts> { new("t", 0, 0, 1, 0, null) };
        state.FinalCounts = counts;

        RunLifecycle.End(state, RunOutcome.GaveUp("The run could not start: no store"), DateTimeOffset.UnixEpoch);

        Assert.Equal(RunState.Failed, state.State);
        Assert.Equal("The run could not start: no store", state.Error);
        Assert.Null(state.Final);
        Assert.Same(counts, state.FinalCounts);
    }

    [Fact]
    public void A_finished_epoch_records_its_counters_and_no_error()
    {
        var state = Started();
        var progress = new RunProgress(3, 0, 0, 3, 0, true);

        RunLifecycle.End(state, RunOutcome.Finished(progress, null), DateTimeOffset.UnixEpoch);

        Assert.Equal(RunState.Done, state.State);
        Assert.Same(progress, state.Final);
        Assert.Null(state.FinalCounts);
        Assert.Null(state.Error);
    }

    [Fact]
    public void Only_reports_about_the_current_running_epoch_move_the_run()
    {
        var state = Started();
        RunLifecycle.BeginEpoch(state, 3);
        Assert.Equal(RunState.Submitting, state.State);
        Assert.False(RunLifecycle.IsRunningEpoch(state, 3));

        RunLifecycle.Submitted(state);

        Assert.True(RunLifecycle.IsRunningEpoch(state, 3));
        Assert.False(RunLifecycle.IsRunningEpoch(state, 2));
        RunLifecycle.End(state, RunOutcome.Finished(new RunProgress(1, 0, 0, 0, 0, true), null), DateTimeOffset.UnixEpoch);
        Assert.False(RunLifecycle.IsRunningEpoch(state, 3));
    }

    [Fact]
    public void A_lost_epoch_is_submitted_again_up_to_five_times_and_says_which_epoch_was_lost()
    {
        var policy = RunLifecycle.AfterLost(7);

        Assert.Equal(5, policy.Attempts);
        Assert.Contains("epoch 7 was lost", policy.Failure, StringComparison.Ordinal);
        Assert.Equal(1, RunLifecycle.Starting.Attempts);
        Assert.True(RunLifecycle.RetryDelay(2) > RunLifecycle.RetryDelay(1));
    }

    private static RunGrainState Started() => new()
    {
        Run = new RunDescriptor { RunId = "r", Jugdir = "memory:", BundleId = "b", PackageId = "p", Name = "n" },
        State = RunState.Submitting,
    };

    private static EpochPlan Plan(int toRun, int done) =>
        new([.. Enumerable.Range(0, toRun).Select(_ => new Runtime.Submission.PlannedTask(default, "t", []))], done, new() { ["t"] = done });
}
