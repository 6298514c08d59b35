using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>The commit loop: group commit of results, run records and failure records, then one report.</summary>
public sealed partial class WorkerPool
{
    private async Task CommitLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _completed.Reader;
        var batch = new List<SlotResult>(_options.MaxCommitBatch);
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < _options.MaxCommitBatch && reader.TryRead(out var item))
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
                WorkerLog.ReportFailed(_logger, batch.Count, e.Message);
                _stopping = true;
                _commitFailed = true;
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
                await _store.PutManyAsync(results, cancellationToken);
            }
        }
#pragma warning disable CA1031 // A store that cannot take the results fails these tasks; the run goes on reporting.
        catch (Exception e)
#pragma warning restore CA1031
        {
            WorkerLog.CommitFailed(_logger, results.Count, e);
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
            if (ran.Error is InputMissingException missing && _options.ReportMissingInputs)
            {
                outcomes[i] = new TaskOutcome(ran.Task.Hash, OutcomeKind.InputMissing, missing.Message, ran.Duration.TotalSeconds, ran.Attempt, AttemptsOf(ran.Task));
                continue;
            }

            var error = ran.Error ?? (ran.Encoded is not null ? storeError : null);
            runs.Add(new RunRecord(ran.Task.Hash, ran.Task.Name, _options.WorkerName, ran.Started, ran.Duration, ran.Attempt, error is null));
            outcomes[i] = error is null ? await SucceededAsync(ran, cancellationToken) : await RecordFailureAsync(ran, error, cancellationToken);
        }

        await AppendRunsAsync(runs, cancellationToken);
        if (await _dispatcher.Report(_options.WorkerName, outcomes))
        {
            _stopping = true;
        }
    }

    private async ValueTask<TaskOutcome> SucceededAsync(TaskRunResult ran, CancellationToken cancellationToken)
    {
        var hash = ran.Task.Hash;
        Interlocked.Increment(ref _stored);
        _cache.Add(hash, ran.Value);
        if (_claims is not null)
        {
            await _claims.ReleaseAsync(hash);
        }

        if (ran.Attempt > 1 || _failures.ContainsKey(hash))
        {
            // An earlier attempt left a failure record; the task is done now, so it no longer applies.
            _failures.TryRemove(hash, out _);
            await _store.DeleteFailureAsync(hash, cancellationToken);
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
            await _store.AppendRunsAsync(runs, cancellationToken);
        }
#pragma warning disable CA1031 // The run log is history: losing a batch of it must not fail the tasks.
        catch (Exception e)
#pragma warning restore CA1031
        {
            WorkerLog.CommitFailed(_logger, runs.Count, e);
        }
    }

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
            error.Message,
            error.ToString(),
            item.Attempt,
            _options.WorkerName,
            DateTimeOffset.UtcNow);
        var final = item.Attempt >= maxAttempts || _stopping;
        if (final)
        {
            _failures[item.Task.Hash] = record;
        }

        WorkerLog.TaskFailed(_logger, item.Task.Name, item.Task.Hash.ToShortString(), error.Message);
        try
        {
            await _store.PutFailureAsync(record, cancellationToken);
            if (_claims is not null)
            {
                if (final && _options.Claims!.KeepFailed)
                {
                    await _claims.KeepFailedAsync(item.Task.Hash);
                }
                else
                {
                    await _claims.ReleaseAsync(item.Task.Hash);
                }
            }
        }
#pragma warning disable CA1031 // The failure is still reported to the run even if its record cannot be stored.
        catch (Exception e)
#pragma warning restore CA1031
        {
            WorkerLog.CommitFailed(_logger, 1, e);
        }

        return new TaskOutcome(item.Task.Hash, OutcomeKind.Failed, $"{record.ExceptionType}: {record.Message}", item.Duration.TotalSeconds, item.Attempt, maxAttempts);
    }
}
