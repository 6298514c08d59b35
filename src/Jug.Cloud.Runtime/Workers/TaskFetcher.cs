using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>
/// A pool's fetch loop: reserves room (<see cref="PrefetchController"/>), long-polls the dispatcher
/// for that many ready tasks, resolves them and queues them for the slots, until the run is over.
/// </summary>
internal sealed class TaskFetcher(
    IDispatcherWorkers dispatcher,
    ITaskResolver resolver,
    PrefetchController prefetch,
    SlotRunner slots,
    PoolStopSignal stop,
    WorkerPoolOptions options,
    ILogger logger)
{
    private readonly string[] _tags = [.. options.Tags];

    /// <summary>Fetches until the dispatcher says the run is over or a report failed; cancelling stops fetching.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var granted = await prefetch.ReserveAsync(cancellationToken);
            ReadyBatch batch;
            try
            {
                batch = await dispatcher.Take(options.WorkerName, granted, _tags);
            }
            catch (Exception e) when (IsUnreachable(e) && !stop.Stopping)
            {
                // The dispatcher's silo died; once the cluster knows, asking again reaches a new
                // activation, which tells the run's supervisor and ends this epoch.
                prefetch.Return(granted);
                WorkerLog.DispatcherUnreachable(logger, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                continue;
            }

            if (stop.Draining)
            {
                // Fetched while the pool began to drain: back to the dispatcher at once, unstarted.
                prefetch.Return(granted);
                await dispatcher.Release(options.WorkerName, batch.Tasks);
                return;
            }

            prefetch.Return(granted - batch.Tasks.Length);
            for (var i = 0; i < batch.Tasks.Length; i++)
            {
                var hash = batch.Tasks[i];
                if (resolver.Resolve(hash) is { } task)
                {
                    slots.Add(new WorkItem(task, batch.Attempts[i], batch.Reissued?[i] ?? false));
                }
                else
                {
                    WorkerLog.Unresolvable(logger, hash.ToString());
                    prefetch.Return(1);
                    await dispatcher.Report(options.WorkerName, [new TaskOutcome(hash, OutcomeKind.Failed, "No worker can resolve this task.", 0)]);
                }
            }

            if (batch.Finished || stop.ReportFailed)
            {
                return;
            }
        }
    }

    private static bool IsUnreachable(Exception e) =>
        e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException;
}
