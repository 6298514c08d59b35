using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>
/// The barrier behaviour of the inspecting commands (status, check, invalidate, cleanup, graph,
/// shell), as in Jug: a barrier is passed only if every task before it is stored already.
/// </summary>
public sealed class StoreCheckRunner(IResultStore store) : IJugRunner
{
    private const int ExistsBatch = 4096;

    /// <inheritdoc />
    public IResultStore Store { get; } = store;

    /// <inheritdoc />
    public async Task<bool> EnsureDoneAsync(TaskGraph graph, IReadOnlyList<TaskNode> scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        foreach (var chunk in scope.Chunk(ExistsBatch))
        {
            var exists = await Store.ExistsAsync([.. chunk.Select(t => t.Hash)], cancellationToken);
            if (exists.Contains(false))
            {
                return false;
            }
        }

        return true;
    }
}
