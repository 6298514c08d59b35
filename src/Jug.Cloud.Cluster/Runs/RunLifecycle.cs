using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Grains;

namespace Jug.Cloud.Cluster.Runs;

/// <summary>How a submission of an epoch is tried: how many times, and what the run says if it never succeeds.</summary>
/// <param name="Attempts">Attempts before the run fails.</param>
/// <param name="Failure">The start of the run's error if every attempt failed; the last attempt's error follows.</param>
internal sealed record SubmissionPolicy(int Attempts, string Failure);

/// <summary>
/// The transitions of a run's state: an epoch begins (Submitting), is planned (the run may end there),
/// runs (Running), and the run ends one way — Done, Failed or Stopped, with its reason. A run that is
/// over stays over: only reports about the current, running epoch move it.
/// </summary>
internal static class RunLifecycle
{
    /// <summary>
    /// Lost epochs in a row that stored nothing new before the run is given up: a store that keeps
    /// losing results would otherwise have the run submitted again forever.
    /// </summary>
    public const int MaxStalledEpochs = 10;

    /// <summary>Attempts at submitting an epoch after a lost one, while the store or a grain fails.</summary>
    public const int ResubmitAttempts = 5;

    /// <summary>The first epoch, or one a silo that died midway was submitting: tried once.</summary>
    public static SubmissionPolicy Starting { get; } = new(1, "The run could not start");

    /// <summary>The epoch after <paramref name="lostEpoch"/> was lost.</summary>
    public static SubmissionPolicy AfterLost(int lostEpoch) =>
        new(ResubmitAttempts, $"The run could not be submitted again after its epoch {lostEpoch} was lost");

    /// <summary>How long to wait before attempt <paramref name="failedAttempt"/> + 1 of a submission.</summary>
    public static TimeSpan RetryDelay(int failedAttempt) => TimeSpan.FromSeconds(2 * failedAttempt);

    /// <summary>True if a report about <paramref name="epoch"/> (lost, finished) concerns the run as it stands.</summary>
    public static bool IsRunningEpoch(RunGrainState state, int epoch) =>
        state.Run is { } run && epoch == run.Epoch && state.State == RunState.Running;

    /// <summary>Moves the run to <paramref name="epoch"/>, Submitting; returns the run at that epoch.</summary>
    public static RunDescriptor BeginEpoch(RunGrainState state, int epoch)
    {
        var run = state.Run! with { Epoch = epoch };
        state.Run = run;
        state.State = RunState.Submitting;
        return run;
    }

    /// <summary>
    /// Records what epoch <paramref name="epoch"/> found stored. Returns how the run ends if it ends here
    /// (it stalled <see cref="MaxStalledEpochs"/> times in a row, or nothing is left to run); null to submit <see cref="EpochPlan.ToRun"/>.
    /// </summary>
    public static RunOutcome? Planned(RunGrainState state, int epoch, EpochPlan plan)
    {
        state.StalledEpochs = epoch > 1 && plan.Done <= state.EpochDone ? state.StalledEpochs + 1 : 0;
        state.EpochDone = plan.Done;
        state.EpochDoneByName = plan.DoneByName;
        if (epoch == 1)
        {
            state.InitialDone = state.EpochDone;
        }

        if (state.StalledEpochs >= MaxStalledEpochs)
        {
            return RunOutcome.GaveUp($"The run was submitted again {state.StalledEpochs} times in a row without storing any more results; the last epoch was lost because {state.LostReason}.");
        }

        return plan.ToRun.Count == 0 ? RunOutcome.NothingToRun() : null;
    }

    /// <summary>The epoch's tasks are with the cluster's grains.</summary>
    public static void Submitted(RunGrainState state) => state.State = RunState.Running;

    /// <summary>Ends the run with <paramref name="outcome"/> at <paramref name="finished"/>; counters an outcome does not carry stay as they are.</summary>
    public static void End(RunGrainState state, RunOutcome outcome, DateTimeOffset finished)
    {
        state.State = outcome.State;
        if (outcome.Final is { } final)
        {
            state.Final = final;
            state.FinalCounts = outcome.FinalCounts;
        }

        if (outcome.Error is { } error)
        {
            state.Error = error;
        }

        state.Finished = finished;
    }
}
