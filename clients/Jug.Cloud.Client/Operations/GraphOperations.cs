using Jug.Cloud.Graph;
using Jug.Cloud.Runtime.Workers;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>Store maintenance on a graph: Jug's <c>invalidate</c> and <c>cleanup</c>. Neither needs a silo.</summary>
public static class GraphOperations
{
    /// <summary>
    /// Removes the results and failure records of tasks whose name matches <paramref name="pattern"/>
    /// and of everything downstream of them (Jug's invalidate). A pattern that matches no task name
    /// touches nothing and reports <see cref="InvalidateResult.MatchedNothing"/>.
    /// </summary>
    public static async Task<InvalidateResult> InvalidateAsync(TaskGraph graph, IJugStore store, TaskPattern pattern, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pattern);
        var matched = graph.Tasks.Where(t => pattern.Matches(t.Name)).ToArray();
        if (matched.Length == 0)
        {
            return new InvalidateResult(0, 0, 0);
        }

        return await InvalidateTasksAsync(graph, store, matched, cancellationToken);
    }

    /// <summary>
    /// Removes the results and failure records of <paramref name="roots"/> and of everything downstream
    /// of them: invalidate for tasks chosen otherwise than by a name pattern (one task, from the web page).
    /// </summary>
    public static async Task<InvalidateResult> InvalidateTasksAsync(TaskGraph graph, IJugStore store, IReadOnlyCollection<TaskNode> roots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(roots);
        var affected = Downstream(graph, roots);
        var removed = await StoreDeletion.DeleteAsync(store, affected, cancellationToken);
        return new InvalidateResult(roots.Count, affected.Count, removed);
    }

    /// <summary>
    /// What <see cref="InvalidateTasksAsync"/> would do, touching nothing: the tasks downstream of
    /// <paramref name="roots"/> and how many of them have a stored result that it would remove.
    /// </summary>
    public static async Task<InvalidateResult> PreviewInvalidateAsync(TaskGraph graph, IJugStore store, IReadOnlyCollection<TaskNode> roots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(roots);
        var affected = Downstream(graph, roots).ToArray();
        var (stored, _) = await StoredTasks.SplitAsync(store, affected, static h => h, cancellationToken);
        return new InvalidateResult(roots.Count, affected.Length, stored.Count);
    }

    /// <summary>
    /// Removes stored results, and failure records, whose key is not a task of <paramref name="graph"/>
    /// (Jug's cleanup). The store's keys are streamed; only the unreferenced ones are held.
    /// </summary>
    /// <returns>How many results were removed.</returns>
    public static async Task<int> CleanupAsync(TaskGraph graph, IJugStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(store);

        // Collect first, delete after: deleting while a provider is still listing may make it skip keys.
        var unreferenced = new List<TaskHash>();
        await foreach (var key in store.ListAsync(cancellationToken))
        {
            if (graph.Find(key) is null)
            {
                unreferenced.Add(key);
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

        var removed = await StoreDeletion.DeleteAsync(store, unreferenced, cancellationToken);
        await StoreDeletion.DeleteFailuresAsync(store, staleFailures.Except(unreferenced), cancellationToken);
        return removed;
    }

    /// <summary>
    /// Compacts the run log to the tasks of <paramref name="graph"/>: of each, its latest successful run
    /// (and a failed one since); the runs of tasks the graph no longer has are dropped.
    /// </summary>
    /// <returns>How many run records were dropped.</returns>
    public static async Task<int> CompactRunLogAsync(TaskGraph graph, IJugStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(store);
        return await store.CompactRunsAsync(key => graph.Find(key) is not null, cancellationToken);
    }

    /// <summary>
    /// Removes claims (Jug's locks): every claim, or with <paramref name="failedOnly"/> only those kept
    /// on tasks that failed for good (<c>execute --keep-failed</c>), so those tasks run again.
    /// </summary>
    /// <returns>How many claims were removed.</returns>
    public static async Task<int> RemoveClaimsAsync(IJugStore store, bool failedOnly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var keys = new List<TaskHash>();
        await foreach (var claim in store.ListClaimsAsync(cancellationToken))
        {
            if (!failedOnly || ClaimSettings.IsKeptFailure(claim))
            {
                keys.Add(claim.Key);
            }
        }

        var removed = 0;
        foreach (var key in keys)
        {
            removed += await store.BreakClaimAsync(key, cancellationToken) ? 1 : 0;
        }

        return removed;
    }

    /// <summary><paramref name="roots"/> and every task that depends on one of them, transitively.</summary>
    private static HashSet<TaskHash> Downstream(TaskGraph graph, IEnumerable<TaskNode> roots)
    {
        var dependents = graph.BuildDependents();
        var affected = new HashSet<TaskHash>();
        var stack = new Stack<TaskNode>(roots);
        while (stack.TryPop(out var task))
        {
            if (affected.Add(task.Hash) && dependents.TryGetValue(task.Hash, out var downstream))
            {
                downstream.ForEach(stack.Push);
            }
        }

        return affected;
    }
}
