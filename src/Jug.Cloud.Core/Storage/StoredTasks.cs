using Jug.Cloud.Graph;

namespace Jug.Cloud.Storage;

/// <summary>
/// Which tasks have their result stored: the one existence check that execute, status, barriers and
/// a cluster run's epochs share, asked of the store <see cref="ExistsBatchSize"/> keys at a time.
/// </summary>
public static class StoredTasks
{
    /// <summary>Keys asked of the store in one <see cref="IResultStore.ExistsAsync"/> call.</summary>
    public const int ExistsBatchSize = 4096;

    /// <summary>The tasks of <paramref name="tasks"/> whose result is stored, and those whose result is not, each in the given order.</summary>
    public static Task<(List<TaskNode> Stored, List<TaskNode> Missing)> SplitAsync(
        IResultStore store, IReadOnlyList<TaskNode> tasks, CancellationToken cancellationToken = default) =>
        SplitAsync(store, tasks, static t => t.Hash, cancellationToken);

    /// <summary>The items of <paramref name="tasks"/> whose result (keyed by <paramref name="hashOf"/>) is stored, and those whose result is not, each in the given order.</summary>
    public static async Task<(List<T> Stored, List<T> Missing)> SplitAsync<T>(
        IResultStore store, IReadOnlyList<T> tasks, Func<T, TaskHash> hashOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(hashOf);
        var stored = new List<T>();
        var missing = new List<T>();
        foreach (var chunk in tasks.Chunk(ExistsBatchSize))
        {
            var exists = await store.ExistsAsync([.. chunk.Select(hashOf)], cancellationToken);
            for (var i = 0; i < chunk.Length; i++)
            {
                (exists[i] ? stored : missing).Add(chunk[i]);
            }
        }

        return (stored, missing);
    }
}
