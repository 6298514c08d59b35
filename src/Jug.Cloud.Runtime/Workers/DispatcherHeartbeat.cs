using Jug.Cloud.Runtime.Grains;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>Tells the dispatcher a worker lives, so its leases survive tasks longer than the lease timeout.</summary>
internal sealed class DispatcherHeartbeat(IDispatcherWorkers dispatcher, string worker, ILogger logger)
{
    /// <summary>Renews every <paramref name="interval"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await dispatcher.Renew(worker);
                }
#pragma warning disable CA1031 // A missed heartbeat is retried on the next tick; the lease timeout allows several.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    WorkerLog.HeartbeatFailed(logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
