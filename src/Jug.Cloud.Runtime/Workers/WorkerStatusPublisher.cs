using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>
/// Keeps a pool's status record in a shared store (<see cref="IWorkerStatusStore"/>): written at start
/// and every <see cref="Interval"/>, with the tasks its slots run at that moment, and removed when the
/// pool stops, so other processes (<c>jugcloud status</c>) see what runs here even when this pool
/// claims nothing per task. A record that is not renewed lapses after <see cref="TimeToLive"/>.
/// </summary>
internal sealed class WorkerStatusPublisher(
    IWorkerStatusStore store,
    string worker,
    SlotRunner slots,
    TaskRunner runner,
    CommitPipeline commit,
    WorkerPoolOptions options,
    ILogger logger)
{
    /// <summary>How often the record is written.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>How long a record stays live unless written again: several intervals, so a slow write does not make it lapse.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(10);

    private readonly string[] _tags = [.. options.Tags];
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private bool _warned;

    /// <summary>Writes the record now and every <see cref="Interval"/> until cancelled, then removes it.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                await PutAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        try
        {
            await store.RemoveWorkerStatusAsync(worker, CancellationToken.None);
        }
#pragma warning disable CA1031 // A record left behind lapses on its own within TimeToLive.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Failed(e);
        }
    }

    private async Task PutAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var status = new WorkerStatus(
            worker,
            Environment.MachineName,
            Environment.ProcessId,
            _started,
            now,
            now + TimeToLive,
            options.Slots,
            _tags,
            slots.Running(now),
            commit.Stored,
            runner.StoreReads);
        try
        {
            await store.PutWorkerStatusAsync(status, cancellationToken);
        }
#pragma warning disable CA1031 // Status is for people watching: a store that cannot take it must not fail the run.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            Failed(e);
        }
    }

    /// <summary>Logs the first failure as a warning and later ones at debug level, so a store that keeps refusing does not flood the log.</summary>
    private void Failed(Exception e)
    {
        WorkerLog.StatusNotWritten(logger, _warned ? LogLevel.Debug : LogLevel.Warning, e.Message);
        _warned = true;
    }
}
