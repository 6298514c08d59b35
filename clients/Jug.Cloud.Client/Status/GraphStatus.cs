using Jug.Cloud.Graph;
using Jug.Cloud.Runtime.Workers;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>
/// Works out every task's state from the store alone, as Jug does: done if its result is stored;
/// running if not and someone holds an unexpired claim or an unexpired worker status record lists it
/// (a process running alone on the store claims nothing per task); failed if a failure is recorded;
/// ready if all its dependencies are done; waiting otherwise. Existence is checked in batches; claims,
/// worker records and failures are listed once. Run times come from the run log: the last successful
/// run of each done task.
/// </summary>
public static class GraphStatus
{
    /// <summary>The status of <paramref name="graph"/> against <paramref name="store"/>.</summary>
    public static Task<StatusReport> ComputeAsync(TaskGraph graph, IJugStore store, CancellationToken cancellationToken = default) =>
        ComputeAsync(graph, store, new HashSet<TaskHash>(), cancellationToken);

    /// <summary>
    /// The status of <paramref name="graph"/> against <paramref name="store"/>, where the tasks in
    /// <paramref name="corruptResults"/> (found by <see cref="StoreVerifier"/>) are not done although
    /// their result objects exist.
    /// </summary>
    public static async Task<StatusReport> ComputeAsync(TaskGraph graph, IJugStore store, IReadOnlySet<TaskHash> corruptResults, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(corruptResults);
        var (stored, _) = await StoredTasks.SplitAsync(store, graph.Tasks, cancellationToken);
        var done = new HashSet<TaskHash>(stored.Count);
        foreach (var task in stored)
        {
            if (!corruptResults.Contains(task.Hash))
            {
                done.Add(task.Hash);
            }
        }

        var failures = new Dictionary<TaskHash, FailureRecord>();
        await foreach (var failure in store.ListFailuresAsync(cancellationToken))
        {
            failures[failure.Key] = failure;
        }

        var now = DateTimeOffset.UtcNow;
        var running = new HashSet<TaskHash>();
        await foreach (var claim in store.ListClaimsAsync(cancellationToken))
        {
            // A claim kept on a failed task (--keep-failed) does not mean it is running.
            if (claim.ExpiresAt > now && !ClaimSettings.IsKeptFailure(claim))
            {
                running.Add(claim.Key);
            }
        }

        await foreach (var worker in store.ListWorkerStatusesAsync(cancellationToken))
        {
            if (!worker.IsExpired(now))
            {
                foreach (var task in worker.Running)
                {
                    running.Add(task.Key);
                }
            }
        }

        var runTimes = await RunTimesAsync(store, done, cancellationToken);
        var tasks = new TaskStatusEntry[graph.Count];
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var names = new List<string>();
        var failed = new List<FailureRecord>();
        for (var i = 0; i < tasks.Length; i++)
        {
            var task = graph.Tasks[i];
            var state = done.Contains(task.Hash) ? TaskState.Done
                : running.Contains(task.Hash) ? TaskState.Running
                : failures.ContainsKey(task.Hash) ? TaskState.Failed
                : AllDone(task.Dependencies, done) ? TaskState.Ready
                : TaskState.Waiting;
            tasks[i] = new TaskStatusEntry(task, state);
            if (state == TaskState.Failed)
            {
                failed.Add(failures[task.Hash]);
            }

            if (!counts.TryGetValue(task.Name, out var row))
            {
                counts[task.Name] = row = new int[Enum.GetValues<TaskState>().Length];
                names.Add(task.Name);
            }

            row[(int)state]++;
        }

        var timings = new Dictionary<string, (TimeSpan Sum, TimeSpan Max, int Count)>(StringComparer.Ordinal);
        foreach (var task in graph.Tasks)
        {
            if (runTimes.TryGetValue(task.Hash, out var run))
            {
                var time = run.Duration;
                var (sum, max, count) = timings.GetValueOrDefault(task.Name);
                timings[task.Name] = (sum + time, time > max ? time : max, count + 1);
            }
        }

        var rows = names.Select(name =>
        {
            var c = counts[name];
            var row = new StatusRow(name, c[(int)TaskState.Waiting], c[(int)TaskState.Ready], c[(int)TaskState.Running], c[(int)TaskState.Done], c[(int)TaskState.Failed]);
            return timings.TryGetValue(name, out var t) ? row with { MeanRunTime = t.Sum / t.Count, MaxRunTime = t.Max } : row;
        }).ToArray();
        return new StatusReport(rows, tasks, failed);
    }

    private static bool AllDone(IReadOnlyList<TaskNode> dependencies, HashSet<TaskHash> done)
    {
        foreach (var dependency in dependencies)
        {
            if (!done.Contains(dependency.Hash))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>For each done task, its latest successful run in the run log.</summary>
    private static async Task<Dictionary<TaskHash, RunRecord>> RunTimesAsync(IJugStore store, HashSet<TaskHash> done, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<TaskHash, RunRecord>(done.Count);
        await foreach (var run in store.ListRunsAsync(cancellationToken))
        {
            if (run.Succeeded && done.Contains(run.Key) && (!latest.TryGetValue(run.Key, out var seen) || seen.Started < run.Started))
            {
                latest[run.Key] = run;
            }
        }

        return latest;
    }
}
