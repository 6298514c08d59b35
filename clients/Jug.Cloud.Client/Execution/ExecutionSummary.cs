using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>What an execution did.</summary>
/// <param name="Total">Tasks in scope (after <c>--target</c>).</param>
/// <param name="AlreadyDone">Tasks whose results were stored before this run (reused, not run).</param>
/// <param name="Executed">Tasks this run finished successfully.</param>
/// <param name="Failures">The failures of this run, one per failed task.</param>
/// <param name="NotRun">Tasks left waiting: downstream of a failure, or not started after one.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record ExecutionSummary(
    int Total,
    int AlreadyDone,
    int Executed,
    IReadOnlyList<FailureRecord> Failures,
    int NotRun,
    TimeSpan Elapsed)
{
    /// <summary>True if every task in scope is done.</summary>
    public bool Succeeded => Failures.Count == 0 && NotRun == 0;
}
