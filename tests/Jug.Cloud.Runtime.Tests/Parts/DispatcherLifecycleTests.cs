using Jug.Cloud.Runtime.Grains.Dispatching;

namespace Jug.Cloud.Runtime.Tests.Parts;

/// <summary>The dispatcher's phases and the rule that ends a run.</summary>
[Trait("Category", "Unit")]
public sealed class DispatcherLifecycleTests
{
    private static readonly OutstandingWork Nothing = new(0, 0, 0, 0, 0, 0);

    private static DispatcherLifecycle Sealed(bool supervised = false)
    {
        var lifecycle = new DispatcherLifecycle(supervised);
        lifecycle.Configure();
        lifecycle.Seal();
        return lifecycle;
    }

    [Fact]
    public void A_run_goes_from_configured_through_sealed_to_finished()
    {
        var lifecycle = new DispatcherLifecycle(supervised: false);
        Assert.Equal(DispatcherPhase.Unconfigured, lifecycle.Phase);
        Assert.False(lifecycle.IsConfigured);

        lifecycle.Configure();
        Assert.Equal(DispatcherPhase.Submitting, lifecycle.Phase);
        Assert.Equal(FinishCheck.NotYet, lifecycle.CheckFinished(Nothing));

        lifecycle.Seal();
        Assert.Equal(DispatcherPhase.Sealed, lifecycle.Phase);
        Assert.Equal(FinishCheck.Finished, lifecycle.CheckFinished(Nothing));
        Assert.True(lifecycle.IsFinished);

        // Finished once: the supervisor and the waiters are told once.
        Assert.Equal(FinishCheck.NotYet, lifecycle.CheckFinished(Nothing));
        lifecycle.Configure();
        Assert.Equal(DispatcherPhase.Finished, lifecycle.Phase);
    }

    [Theory]
    [InlineData(1, 0, 0, 0, 0)]
    [InlineData(0, 1, 0, 0, 0)]
    [InlineData(0, 0, 1, 0, 0)]
    [InlineData(0, 0, 0, 1, 0)]
    [InlineData(0, 0, 0, 0, 1)]
    public void A_sealed_run_with_work_left_does_not_finish(int queued, int retrying, int heldElsewhere, int leased, int reporting)
    {
        var lifecycle = Sealed();

        Assert.Equal(FinishCheck.NotYet, lifecycle.CheckFinished(new OutstandingWork(queued, retrying, heldElsewhere, leased, reporting, 0)));
        Assert.Equal(DispatcherPhase.Sealed, lifecycle.Phase);
    }

    [Fact]
    public void A_stopping_run_finishes_without_what_is_queued_retrying_or_held_but_not_before_leased_tasks_report()
    {
        var lifecycle = Sealed();
        lifecycle.Stop();

        Assert.Equal(FinishCheck.NotYet, lifecycle.CheckFinished(new OutstandingWork(5, 1, 1, 1, 0, 0)));
        Assert.Equal(FinishCheck.Finished, lifecycle.CheckFinished(new OutstandingWork(5, 1, 1, 0, 0, 0)));
    }

    [Fact]
    public void Missing_inputs_end_the_run_lost_once_everything_else_ran_unless_it_is_stopping()
    {
        var lifecycle = Sealed(supervised: true);
        Assert.Equal(FinishCheck.NotYet, lifecycle.CheckFinished(new OutstandingWork(0, 0, 0, 1, 0, 2)));

        Assert.Equal(FinishCheck.InputsMissing, lifecycle.CheckFinished(new OutstandingWork(0, 0, 0, 0, 0, 2)));
        Assert.Equal(DispatcherPhase.Lost, lifecycle.Phase);
        Assert.True(lifecycle.HasLostState);
        Assert.Equal(FinishCheck.NotYet, lifecycle.CheckFinished(Nothing));

        var stopping = Sealed(supervised: true);
        stopping.Stop();
        Assert.Equal(FinishCheck.Finished, stopping.CheckFinished(new OutstandingWork(0, 0, 0, 0, 0, 2)));
    }

    [Fact]
    public void Only_a_supervised_dispatcher_that_was_never_configured_has_lost_its_state()
    {
        Assert.True(new DispatcherLifecycle(supervised: true).HasLostState);
        Assert.False(new DispatcherLifecycle(supervised: false).HasLostState);
        Assert.False(Sealed(supervised: true).HasLostState);
    }

    [Fact]
    public void A_lost_run_never_finishes_and_a_finished_run_stays_finished()
    {
        var lost = Sealed();
        lost.Lose();
        Assert.Equal(FinishCheck.NotYet, lost.CheckFinished(Nothing));
        Assert.True(lost.HasLostState);

        var finished = Sealed();
        finished.CheckFinished(Nothing);
        finished.Lose();
        Assert.Equal(DispatcherPhase.Finished, finished.Phase);
    }
}
