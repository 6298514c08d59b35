using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>
/// The barrier behaviour of the inspecting commands (status, check, invalidate, cleanup, graph,
/// shell), as in Jug: a barrier is passed only if every task before it is stored already.
/// </summary>
public sealed class StoreCheckRunner(IResultStore store) : IJugRunner
{
    /// <inheritdoc />
    public IResultStore Store { get; } = store;

    /// <inheritdoc />
    public async Task<bool> EnsureDoneAsync(TaskGraph graph, IReadOnlyList<TaskNode> scope, CancellationToken cancellationToken) =>
        (await StoredTasks.SplitAsync(Store, scope, cancellationToken)).Missing.Count == 0;
}
