namespace Jug.Cloud.Storage;

/// <summary>
/// The run log: one record per task execution (who ran it, when, for how long, whether it stored a
/// result). Appended in batches; what <c>status</c> reads for run times and what shows that no task
/// ran twice when several processes share a jugdir.
/// </summary>
public interface IRunLogStore
{
    /// <summary>Appends records (one batch; a provider may store a batch as one object).</summary>
    ValueTask AppendRunsAsync(IReadOnlyList<RunRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Every record appended and not cleared, in no particular order.</summary>
    IAsyncEnumerable<RunRecord> ListRunsAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the whole run log; returns how many records were removed.</summary>
    ValueTask<int> ClearRunsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Compacts the run log to what <see cref="RunLogCompaction"/> keeps, of the tasks
    /// <paramref name="keep"/> accepts (every task when null); returns how many records were dropped.
    /// By default the log is read, cleared and written again; a provider whose log is several objects
    /// overrides it to write the compacted log before it removes the old one.
    /// </summary>
    async ValueTask<int> CompactRunsAsync(Func<TaskHash, bool>? keep = null, CancellationToken cancellationToken = default)
    {
        var all = new List<RunRecord>();
        await foreach (var record in ListRunsAsync(cancellationToken).ConfigureAwait(false))
        {
            all.Add(record);
        }

        var kept = RunLogCompaction.Select(all, keep);
        if (kept.Count == all.Count)
        {
            return 0;
        }

        await ClearRunsAsync(cancellationToken).ConfigureAwait(false);
        await AppendRunsAsync(kept, cancellationToken).ConfigureAwait(false);
        return all.Count - kept.Count;
    }
}

/// <summary>One execution of one task.</summary>
/// <param name="Key">The task.</param>
/// <param name="TaskName">Its name (<c>Namespace.Type.Method</c>).</param>
/// <param name="Worker">Which worker ran it.</param>
/// <param name="Started">When the method was called.</param>
/// <param name="Duration">How long the method ran.</param>
/// <param name="Attempt">Which attempt this was (1 for the first).</param>
/// <param name="Succeeded">Whether it returned a value that was stored.</param>
public sealed record RunRecord(
    TaskHash Key,
    string TaskName,
    string Worker,
    DateTimeOffset Started,
    TimeSpan Duration,
    int Attempt,
    bool Succeeded);
