using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>What an execution did.</summary>
/// <param name="Total">Tasks in scope (after <c>--target</c>).</param>
/// <param name="AlreadyDone">Tasks whose results were stored before this run (reused, not run).</param>
/// <param name="Executed">Tasks this process ran and stored.</param>
/// <param name="Failures">Tasks that failed for good in this run, each with its last failure.</param>
/// <param name="NotRun">Tasks left waiting: downstream of a failure, not started after one, or held elsewhere.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record ExecutionSummary(
    int Total,
    int AlreadyDone,
    int Executed,
    IReadOnlyList<FailureRecord> Failures,
    int NotRun,
    TimeSpan Elapsed)
{
    /// <summary>Tasks another process sharing the store finished while this one ran.</summary>
    public int DoneElsewhere { get; init; }

    /// <summary>Tasks another process failed for good and keeps claimed (<c>--keep-failed</c>).</summary>
    public int FailedElsewhere { get; init; }

    /// <summary>Why the run ended before every task was done, if it was asked to.</summary>
    public StopReason StopReason { get; init; }

    /// <summary>True if every task in scope is done.</summary>
    public bool Succeeded => Failures.Count == 0 && FailedElsewhere == 0 && NotRun == 0;
}

/// <summary>Why a run stopped early.</summary>
public enum StopReason
{
    /// <summary>It was not stopped.</summary>
    None,

    /// <summary>Cancelled (Ctrl-C, SIGTERM, or the caller's token).</summary>
    Cancelled,

    /// <summary>The stop file appeared.</summary>
    StopFile,

    /// <summary>It gave up waiting for tasks other processes hold (<c>--nr-wait-cycles</c>).</summary>
    GaveUpWaiting,
}
