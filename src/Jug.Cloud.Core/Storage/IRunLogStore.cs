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
