using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>
/// Watches tasks another process holds (shared jugdir): each wait cycle it asks the store whether
/// their results appeared (done elsewhere), whether the holder failed them for good and kept the
/// claim, or whether the claim lapsed or was released (then they are queued to run here). Past its
/// idle cycles it stops the run through <paramref name="run"/>.
/// </summary>
internal sealed class HeldTaskWatcher(IDispatcherWorkers dispatcher, IDispatcherControl run, IJugStore store, ClaimSettings settings, string worker, ILogger logger)
{
    /// <summary>Set when the watcher gave up after <see cref="ClaimSettings.WaitCycles"/> idle cycles.</summary>
    public bool GaveUp { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(settings.WaitCycle);
        var idleCycles = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var held = await dispatcher.GetHeldElsewhere();
                if (held.Length == 0)
                {
                    idleCycles = 0;
                    continue;
                }

                int moved;
                try
                {
                    moved = await CheckAsync(held, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The store or the dispatcher did not answer this cycle: try again on the next one.
                    WorkerLog.StoreUnavailable(logger, "checking tasks other processes hold", e);
                    continue;
                }

                var progress = await run.GetProgress();
                idleCycles = moved > 0 || progress.Running > 0 || progress.Queued > 0 ? 0 : idleCycles + 1;
                if (settings.WaitCycles > 0 && idleCycles >= settings.WaitCycles)
                {
                    GaveUp = true;
                    await run.Stop();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Settles what it can of <paramref name="held"/>; returns how many tasks moved on.</summary>
    private async Task<int> CheckAsync(TaskHash[] held, CancellationToken cancellationToken)
    {
        var exists = await store.ExistsAsync(held, cancellationToken);
        var outcomes = new List<TaskOutcome>();
        var stillHeld = new List<TaskHash>();
        for (var i = 0; i < held.Length; i++)
        {
            if (exists[i])
            {
                outcomes.Add(new TaskOutcome(held[i], OutcomeKind.DoneElsewhere, null, 0));
            }
            else
            {
                stillHeld.Add(held[i]);
            }
        }

        var requeue = new List<TaskHash>();
        if (stillHeld.Count > 0)
        {
            var failedElsewhere = await KeptFailuresAsync(stillHeld, cancellationToken);
            foreach (var task in stillHeld)
            {
                if (failedElsewhere.Contains(task))
                {
                    outcomes.Add(new TaskOutcome(task, OutcomeKind.FailedElsewhere, "Failed in another process, which keeps its claim (cleanup --failed-only releases it).", 0));
                }
                else if (await store.TryClaimAsync(task, worker + "#probe", TimeSpan.FromSeconds(1), cancellationToken))
                {
                    // Free again (the holder released it or its keepalive lapsed): let a slot here claim and run it.
                    await store.ReleaseClaimAsync(task, worker + "#probe", cancellationToken);
                    requeue.Add(task);
                }
            }
        }

        if (outcomes.Count > 0)
        {
            await dispatcher.Report(worker, [.. outcomes]);
        }

        if (requeue.Count > 0)
        {
            await dispatcher.Requeue([.. requeue]);
        }

        return outcomes.Count + requeue.Count;
    }

    private async Task<HashSet<TaskHash>> KeptFailuresAsync(List<TaskHash> tasks, CancellationToken cancellationToken)
    {
        var wanted = tasks.ToHashSet();
        var failed = new HashSet<TaskHash>();
        await foreach (var claim in store.ListClaimsAsync(cancellationToken))
        {
            if (wanted.Contains(claim.Key) && ClaimSettings.IsKeptFailure(claim))
            {
                failed.Add(claim.Key);
            }
        }

        return failed;
    }
}
