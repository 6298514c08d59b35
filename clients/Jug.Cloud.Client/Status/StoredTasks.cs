using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>Which tasks have their result stored, asked of the store in batches of 4,096 keys.</summary>
public static class StoredTasks
{
    private const int ExistsBatch = global::Jug.Cloud.Runtime.RuntimeLimits.ExistsBatch;

    /// <summary>The tasks of <paramref name="tasks"/> whose result is stored, and those whose result is not, each in the given order.</summary>
    public static async Task<(List<TaskNode> Stored, List<TaskNode> Missing)> SplitAsync(
        IResultStore store, IReadOnlyList<TaskNode> tasks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tasks);
        var stored = new List<TaskNode>();
        var missing = new List<TaskNode>();
        foreach (var chunk in tasks.Chunk(ExistsBatch))
        {
            var exists = await store.ExistsAsync([.. chunk.Select(t => t.Hash)], cancellationToken);
            for (var i = 0; i < chunk.Length; i++)
            {
                (exists[i] ? stored : missing).Add(chunk[i]);
            }
        }

        return (stored, missing);
    }
}
