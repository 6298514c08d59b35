using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>
/// The barrier behaviour of <c>execute</c>: the tasks before a barrier run now, on the session's
/// embedded engine, and the jugfile goes on as soon as they are stored.
/// </summary>
public sealed class EngineRunner(EngineSession session, Action<ExecutionSummary>? onBarrierRun = null) : IJugRunner
{
    /// <inheritdoc />
    public IResultStore Store => session.Store;

    /// <summary>The summary of the last run a barrier needed, if any.</summary>
    public ExecutionSummary? LastRun { get; private set; }

    /// <inheritdoc />
    public async Task<bool> EnsureDoneAsync(TaskGraph graph, IReadOnlyList<TaskNode> scope, CancellationToken cancellationToken)
    {
        var summary = await session.RunAsync(graph, scope, null, cancellationToken);
        if (summary.Executed > 0 || !summary.Succeeded)
        {
            LastRun = summary;
            onBarrierRun?.Invoke(summary);
        }

        return summary.Succeeded;
    }
}
