using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Grains;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Cluster.Runs;

/// <summary>What the watchdog needs of a run.</summary>
internal interface IWatchedRun
{
    /// <summary>The run at its current epoch; null before it was started.</summary>
    RunDescriptor? Run { get; }

    /// <summary>True while an epoch is being submitted: it moves the run on by itself.</summary>
    bool SubmissionUnderWay { get; }

    /// <summary>True while the current epoch runs and no outcome was recorded.</summary>
    bool EpochRunning { get; }

    /// <summary>Resumes a submission a dead silo left; true if there was one.</summary>
    bool ResumeSubmission(RunDescriptor run);

    /// <summary>Asks the epoch's dispatcher where it stands and acts on a lost or finished epoch.</summary>
    Task CheckEpochAsync(RunDescriptor run);
}

/// <summary>
/// Moves on a run whose epoch ended unnoticed or whose submission died with its silo. The reports of a
/// lost or finished epoch are one-way calls a dying silo can swallow (seen once: every result stored,
/// the run still Running, submit --wait never returning), so an active run checks by itself every
/// <see cref="Period"/> when nobody is following it.
/// </summary>
internal sealed class RunWatchdog(IWatchedRun run, ILogger logger)
{
    /// <summary>How often an active run checks on its current epoch by itself.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    /// <summary>One check; a check that fails (a silo is going away) is logged and made again on the next tick.</summary>
    public async Task TickAsync()
    {
        if (run.Run is not { } current || run.SubmissionUnderWay)
        {
            return;
        }

        try
        {
            if (!run.ResumeSubmission(current) && run.EpochRunning)
            {
                await run.CheckEpochAsync(current);
            }
        }
#pragma warning disable CA1031 // A check that fails (a silo is going away) is made again on the next tick.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RunLog.CheckFailed(logger, current.RunId, e.Message);
        }
    }
}
