using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Grains;
using Jug.Cloud.Web.Sources;

namespace Jug.Cloud.Web.Cluster;

/// <summary>
/// The page's actions on a cluster. Retry clears the failure records of the run's failed tasks (all,
/// a name's, or one) and starts a new run of the same graph, which runs every task not stored, each
/// with its full attempts again; invalidate and stale locks act on the run's store as for a jugdir;
/// cancel stops the run's dispatcher (running tasks finish and are stored).
/// </summary>
public sealed class ClusterActions(ClusterStatusSource source) : IStatusActions
{
    /// <inheritdoc />
    public async Task<ActionOutcome> RetryAsync(ActionTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var snapshot = await source.SnapshotAsync(cancellationToken);
        var run = snapshot.Run(target.Run);
        if (!run.IsOver)
        {
            throw new InvalidOperationException($"Run {run.Run.RunId} is still {run.State}: retry its failed tasks once it is over (or cancel it).");
        }

        var pages = await source.PagesAsync(run.Run.RunId, cancellationToken);
        var cleared = await new JugdirActions(pages).RetryAsync(target, cancellationToken);
        var retry = run.Run with { RunId = Guid.NewGuid().ToString("n")[..16], Epoch = 0, Submitted = DateTimeOffset.UtcNow };
        var started = await source.Grains.GetGrain<IRunGrain>(retry.RunId).Start(retry);
        source.Refresh();
        return new ActionOutcome($"{cleared.Tasks} failed task(s) of {target} of run {run.Run.RunId} cleared; run {retry.RunId} runs them again ({started.State}).", cleared.Tasks, 0);
    }

    /// <inheritdoc />
    public async Task<ActionOutcome> PreviewInvalidateAsync(ActionTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return await new JugdirActions(await source.PagesAsync(target.Run, cancellationToken)).PreviewInvalidateAsync(target, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ActionOutcome> InvalidateAsync(ActionTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var outcome = await new JugdirActions(await source.PagesAsync(target.Run, cancellationToken)).InvalidateAsync(target, cancellationToken);
        source.Refresh();
        return outcome;
    }

    /// <inheritdoc />
    public async Task<ActionOutcome> RemoveStaleLocksAsync(CancellationToken cancellationToken)
    {
        var outcome = await new JugdirActions(await source.PagesAsync(null, cancellationToken)).RemoveStaleLocksAsync(cancellationToken);
        source.Refresh();
        return outcome;
    }

    /// <inheritdoc />
    public async Task<ActionOutcome> CancelRunAsync(string? runId, CancellationToken cancellationToken)
    {
        var snapshot = await source.SnapshotAsync(cancellationToken);
        var grain = source.Grains.GetGrain<IRunGrain>(snapshot.Run(runId).Run.RunId);

        // Asked afresh: the snapshot may be a second old, and a run still being submitted ignores Stop.
        var run = await grain.GetInfo();
        if (run.State != RunState.Running)
        {
            throw new InvalidOperationException(run.IsOver
                ? $"Run {run.Run.RunId} is over ({run.State}): nothing to cancel."
                : $"Run {run.Run.RunId} is still being submitted: cancel it once it runs.");
        }

        await grain.Stop();
        source.Refresh();
        return new ActionOutcome($"Run {run.Run.RunId} stopped: no new task is handed out; running ones finish.", 0, 0);
    }

    /// <inheritdoc />
    public async Task<ActionOutcome> DrainWorkerAsync(string worker, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(worker);

        // Asked afresh: a silo that left a second ago must not be "drained" again from an old snapshot.
        var silos = await source.Grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true, cancellationToken);
        var named = silos.Where(s => s.SiloName == worker).ToArray();
        var silo = named.Length switch
        {
            0 => throw new UnknownTargetException($"No active silo is named '{worker}'."),
            1 => named[0],
            _ => throw new InvalidOperationException($"{named.Length} active silos are named '{worker}': give each silo its own --name."),
        };

        await ClusterRegistry.Of(source.Grains).RequestDrain(silo.SiloAddress.ToParsableString());
        source.Refresh();
        return new ActionOutcome($"Silo {worker} drains: tasks it has not started go back at once, running ones finish and are stored, then it leaves the cluster.", 0, 0);
    }
}
