namespace Jug.Cloud.Client;

/// <summary>A snapshot of a running execution, for progress displays.</summary>
/// <param name="Total">Tasks in scope (after <c>--target</c>).</param>
/// <param name="AlreadyDone">Tasks whose results were stored before this run.</param>
/// <param name="Executed">Tasks this run finished.</param>
/// <param name="Running">Tasks running now.</param>
/// <param name="Failed">Tasks that failed in this run.</param>
/// <param name="Elapsed">Time since the run started.</param>
public sealed record ExecutionProgress(int Total, int AlreadyDone, int Executed, int Running, int Failed, TimeSpan Elapsed)
{
    /// <summary>Tasks done, stored before or now.</summary>
    public int Done => AlreadyDone + Executed;

    /// <summary>Tasks not yet done, failed or running.</summary>
    public int Remaining => Total - Done - Failed - Running;
}
