using System.Collections.Concurrent;
using System.Threading.Channels;
using Jug.Cloud.Graph;
using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Runtime.Monitoring;
using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>
/// A pool's group commit: what the slots ran is stored in groups (<c>PutManyAsync</c>), with its run
/// records and failure records, then reported to the dispatcher in one call per group.
/// </summary>
internal sealed class CommitPipeline(
    IDispatcherWorkers dispatcher,
    IJugStore store,
    ResultCache cache,
    ClaimKeeper? claims,
    PoolStopSignal stop,
    WorkerPoolOptions options,
    ILogger logger)
{
    private readonly Channel<SlotResult> _input = Channel.CreateUnbounded<SlotResult>(new() { SingleReader = true });
    private readonly ConcurrentDictionary<TaskHash, FailureRecord> _failures = new();
    private readonly TaskCompletionSource _becameUnwritable = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _unwritable;
    private int _stored;

    /// <summary>Where slots write what they ran.</summary>
    public ChannelWriter<SlotResult> Input => _input.Writer;

    /// <summary>
    /// The first write error that left the store unwritable (full, read-only, permission denied); the
    /// pool stopped starting tasks when it came. Null while the store takes writes.
    /// </summary>
    public Exception? UnwritableStoreError => Volatile.Read(ref _unwritable);

    /// <summary>Completes when <see cref="UnwritableStoreError"/> is set.</summary>
    public Task BecameUnwritable => _becameUnwritable.Task;

    /// <summary>Tasks stored.</summary>
    public int Stored => Volatile.Read(ref _stored);

    /// <summary>The tasks that failed for good, with their last failure.</summary>
    public IReadOnlyCollection<FailureRecord> Failures => (IReadOnlyCollection<FailureRecord>)_failures.Values;

    /// <summary>Commits groups as they come until <see cref="Input"/> is completed and drained.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = _input.Reader;
        var batch = new List<SlotResult>(options.MaxCommitBatch);
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < options.MaxCommitBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await CommitAsync(batch, cancellationToken);
            }
#pragma warning disable CA1031 // Results are stored before the report; an unreported batch is found in the store by the next epoch.
            catch (Exception e)
#pragma warning restore CA1031
            {
                // The run's grains are unreachable: start nothing more here, drain what is queued.
                WorkerLog.ReportFailed(logger, batch.Count, e.Message);
                stop.StopAfterFailedReport();
            }
        }
    }

    private async Task CommitAsync(List<SlotResult> batch, CancellationToken cancellationToken)
    {
        var outcomes = new TaskOutcome[batch.Count];
        var results = new List<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>>(batch.Count);
        foreach (var item in batch)
        {
            if (item.Ran?.Encoded is { } encoded)
            {
                results.Add(new(item.Ran.Task.Hash, encoded));
            }
        }

        Exception? storeError = null;
        try
        {
            if (results.Count > 0)
            {
                await store.PutManyAsync(results, cancellationToken);
            }
        }
#pragma warning disable CA1031 // A store that cannot take the results fails these tasks; the run goes on reporting.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogStoreError(results.Count, e);
            storeError = e;
        }

        var runs = new List<RunRecord>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Outcome is { } direct)
            {
                outcomes[i] = direct;
                continue;
            }

            var ran = batch[i].Ran!;
            if (ran.Error is InputMissingException missing && options.ReportMissingInputs)
            {
                outcomes[i] = new TaskOutcome(ran.Task.Hash, OutcomeKind.InputMissing, missing.Message, ran.Duration.TotalSeconds, ran.Attempt, AttemptsOf(ran.Task));
                continue;
            }

            var error = ran.Error ?? (ran.Encoded is not null ? storeError : null);
            if (error is not null && _unwritable is not null && ReferenceEquals(error, storeError))
            {
                // Not the task's failure: no failure record (it could not be written either) and no retry here.
                outcomes[i] = new TaskOutcome(ran.Task.Hash, OutcomeKind.Failed, error.Message, ran.Duration.TotalSeconds, ran.Attempt, AttemptsOf(ran.Task));
                continue;
            }

            runs.Add(new RunRecord(ran.Task.Hash, ran.Task.Name, options.WorkerName, ran.Started, ran.Duration, ran.Attempt, error is null));
            outcomes[i] = error is null ? await SucceededAsync(ran, cancellationToken) : await RecordFailureAsync(ran, error, cancellationToken);
        }

        if (_unwritable is null)
        {
            await AppendRunsAsync(runs, cancellationToken);
        }

        TaskMetrics.RecordGroup(runs);
        if (await dispatcher.Report(options.WorkerName, outcomes))
        {
            stop.Stop();
        }
    }

    private async ValueTask<TaskOutcome> SucceededAsync(TaskRunResult ran, CancellationToken cancellationToken)
    {
        var hash = ran.Task.Hash;
        Interlocked.Increment(ref _stored);
        cache.Add(hash, ran.Value);
        if (claims is not null)
        {
            await claims.ReleaseAsync(hash);
        }

        if (ran.Attempt > 1 || _failures.ContainsKey(hash))
        {
            // An earlier attempt left a failure record; the task is done now, so it no longer applies.
            _failures.TryRemove(hash, out _);
            await store.DeleteFailureAsync(hash, cancellationToken);
        }

        return new TaskOutcome(hash, OutcomeKind.Stored, null, ran.Duration.TotalSeconds, ran.Attempt, AttemptsOf(ran.Task)) { Bytes = ran.Encoded?.Length ?? 0 };
    }

    private async Task AppendRunsAsync(List<RunRecord> runs, CancellationToken cancellationToken)
    {
        if (runs.Count == 0)
        {
            return;
        }

        try
        {
            await store.AppendRunsAsync(runs, cancellationToken);
        }
#pragma warning disable CA1031 // The run log is history: losing a batch of it must not fail the tasks.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogStoreError(runs.Count, e);
        }
    }

    /// <summary>
    /// Logs a failed write; one that leaves the store unwritable (a full disk, say) also stops the pool
    /// and is kept for <see cref="UnwritableStoreError"/>, logged once and without its stack: the
    /// caller reports it.
    /// </summary>
    private void LogStoreError(int count, Exception error)
    {
        if (StoreWriteErrors.FindUnwritable(error) is null)
        {
            WorkerLog.CommitFailed(logger, count, error);
            return;
        }

        if (Interlocked.CompareExchange(ref _unwritable, error, null) is null)
        {
            WorkerLog.StoreUnwritable(logger, error.GetBaseException().Message);
            _becameUnwritable.TrySetResult();
        }

        stop.Stop();
    }

    private int AttemptsOf(TaskNode task) => Math.Max(1, task.Options.Attempts ?? options.DefaultAttempts);

    private async Task<TaskOutcome> RecordFailureAsync(TaskRunResult item, Exception error, CancellationToken cancellationToken)
    {
        if (error is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            error = aggregate.InnerExceptions[0];
        }

        var maxAttempts = AttemptsOf(item.Task);
        var record = new FailureRecord(
            item.Task.Hash,
            item.Task.Name,
            error.GetType().FullName ?? error.GetType().Name,
            // Shown by status, the web page and the API, and kept: an address the task's code quoted keeps no password.
            SecretText.Redact(error.Message),
            SecretText.Redact(error.ToString()),
            item.Attempt,
            options.WorkerName,
            DateTimeOffset.UtcNow);
        var final = item.Attempt >= maxAttempts || stop.Stopping;
        if (final)
        {
            _failures[item.Task.Hash] = record;
        }

        WorkerLog.TaskFailed(logger, item.Task.Name, item.Task.Hash.ToShortString(), record.Message);
        try
        {
            await store.PutFailureAsync(record, cancellationToken);
            if (claims is not null)
            {
                if (final && options.Claims!.KeepFailed)
                {
                    await claims.KeepFailedAsync(item.Task.Hash);
                }
                else
                {
                    await claims.ReleaseAsync(item.Task.Hash);
                }
            }
        }
#pragma warning disable CA1031 // The failure is still reported to the run even if its record cannot be stored.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogStoreError(1, e);
        }

        return new TaskOutcome(item.Task.Hash, OutcomeKind.Failed, $"{record.ExceptionType}: {record.Message}", item.Duration.TotalSeconds, item.Attempt, maxAttempts);
    }
}
