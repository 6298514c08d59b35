using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains;

namespace Jug.Cloud.Cluster.Runs;

/// <summary>How a run ended: Done, Failed or Stopped, with its final counters or the reason it gave up.</summary>
/// <param name="State">Where it ended.</param>
/// <param name="Final">The final counters; null when the run gave up before its epoch finished.</param>
/// <param name="FinalCounts">The final counts by task name, if they could be read.</param>
/// <param name="Error">Why it ended without running its tasks, if it did; status and submit --wait show it.</param>
internal sealed record RunOutcome(RunState State, RunProgress? Final, List<NameCounts>? FinalCounts, string? Error)
{
    /// <summary>The current epoch finished: Failed if a task failed for good, Done if every task was stored, else Stopped.</summary>
    public static RunOutcome Finished(RunProgress progress, List<NameCounts>? counts)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var state = progress.Failed > 0 ? RunState.Failed
            : progress.Completed >= progress.Submitted ? RunState.Done
            : RunState.Stopped;
        return new RunOutcome(state, progress, counts, null);
    }

    /// <summary>Every task's result was already stored when an epoch was planned.</summary>
    public static RunOutcome NothingToRun() => new(RunState.Done, new RunProgress(0, 0, 0, 0, 0, true), [], null);

    /// <summary>The run cannot go on: it fails with <paramref name="error"/>.</summary>
    public static RunOutcome GaveUp(string error) => new(RunState.Failed, null, null, error);
}
