using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>What <c>invalidate</c> did.</summary>
/// <param name="Matched">Tasks whose name matched the pattern.</param>
/// <param name="Affected">Matched tasks and everything downstream of them.</param>
/// <param name="Removed">Stored results removed.</param>
public sealed record InvalidateResult(int Matched, int Affected, int Removed);

/// <summary>Store maintenance on a graph: invalidate and cleanup.</summary>
public static class GraphOperations
{
    /// <summary>
    /// Removes the results and failure records of tasks matching <paramref name="pattern"/> and of
    /// everything downstream of them (Jug's invalidate).
    /// </summary>
    public static async Task<InvalidateResult> InvalidateAsync(TaskGraph graph, IJugStore store, TaskPattern pattern, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pattern);
        var matched = graph.Tasks.Where(t => pattern.Matches(t.Name)).ToArray();
        var dependents = graph.BuildDependents();
        var affected = new HashSet<TaskHash>();
        var stack = new Stack<TaskNode>(matched);
        while (stack.TryPop(out var task))
        {
            if (affected.Add(task.Hash) && dependents.TryGetValue(task.Hash, out var downstream))
            {
                downstream.ForEach(stack.Push);
            }
        }

        var removed = 0;
        foreach (var hash in affected)
        {
            if (await store.DeleteAsync(hash, cancellationToken))
            {
                removed++;
            }

            await store.DeleteFailureAsync(hash, cancellationToken);
        }

        return new InvalidateResult(matched.Length, affected.Count, removed);
    }

    /// <summary>Removes stored results and failure records that no task of <paramref name="graph"/> refers to.</summary>
    /// <returns>How many results were removed.</returns>
    public static async Task<int> CleanupAsync(TaskGraph graph, IJugStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(store);
        var unreferenced = new List<TaskHash>();
        await foreach (var key in store.ListAsync(cancellationToken))
        {
            if (graph.Find(key) is null)
            {
                unreferenced.Add(key);
            }
        }

        var removed = 0;
        foreach (var key in unreferenced)
        {
            if (await store.DeleteAsync(key, cancellationToken))
            {
                removed++;
            }
        }

        var staleFailures = new List<TaskHash>();
        await foreach (var failure in store.ListFailuresAsync(cancellationToken))
        {
            if (graph.Find(failure.Key) is null)
            {
                staleFailures.Add(failure.Key);
            }
        }

        foreach (var key in staleFailures)
        {
            await store.DeleteFailureAsync(key, cancellationToken);
        }

        return removed;
    }
}
