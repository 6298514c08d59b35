using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>
/// The barrier behaviour of <c>execute</c>: the tasks before a barrier (or a <c>BValue</c>) run now,
/// on the session's embedded engine, and the jugfile goes on as soon as they are stored.
/// </summary>
public sealed class EngineRunner(EngineSession session, Action<BarrierRun>? onBarrierRun = null) : IJugRunner
{
    /// <inheritdoc />
    public IResultStore Store => session.Store;

    /// <summary>The summary of the last run a barrier or a <c>BValue</c> needed, if any.</summary>
    public ExecutionSummary? LastRun => LastBarrier?.Summary;

    /// <summary>The last run a barrier or a <c>BValue</c> needed, and which it was, if any.</summary>
    public BarrierRun? LastBarrier { get; private set; }

    /// <inheritdoc />
    public Task<bool> EnsureDoneAsync(TaskGraph graph, IReadOnlyList<TaskNode> scope, CancellationToken cancellationToken) =>
        RunAsync(graph, null, scope, cancellationToken);

    /// <inheritdoc />
    public Task<bool> EnsureValueAsync(TaskGraph graph, TaskNode task, IReadOnlyList<TaskNode> scope, CancellationToken cancellationToken) =>
        RunAsync(graph, task, scope, cancellationToken);

    private async Task<bool> RunAsync(TaskGraph graph, TaskNode? value, IReadOnlyList<TaskNode> scope, CancellationToken cancellationToken)
    {
        var summary = await session.RunAsync(graph, scope, null, cancellationToken);
        if (summary.Executed > 0 || !summary.Succeeded)
        {
            LastBarrier = new BarrierRun(summary, value);
            onBarrierRun?.Invoke(LastBarrier);
        }

        return summary.Succeeded;
    }
}
