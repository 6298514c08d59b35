using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>
/// Works out every task's state from the store alone, as Jug does: done if its result is stored,
/// failed if not and a failure is recorded, running if someone holds an unexpired claim, ready if all
/// its dependencies are done, waiting otherwise.
/// </summary>
public static class GraphStatus
{
    private const int ExistsBatch = 4096;

    /// <summary>The status of <paramref name="graph"/> against <paramref name="store"/>.</summary>
    public static async Task<StatusReport> ComputeAsync(TaskGraph graph, IJugStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(store);
        var done = new HashSet<TaskHash>();
        foreach (var chunk in graph.Tasks.Chunk(ExistsBatch))
        {
            var exists = await store.ExistsAsync(chunk.Select(t => t.Hash).ToArray(), cancellationToken);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (exists[i])
                {
                    done.Add(chunk[i].Hash);
                }
            }
        }

        var failures = new Dictionary<TaskHash, FailureRecord>();
        await foreach (var failure in store.ListFailuresAsync(cancellationToken))
        {
            failures[failure.Key] = failure;
        }

        var now = DateTimeOffset.UtcNow;
        var claimed = new HashSet<TaskHash>();
        await foreach (var claim in store.ListClaimsAsync(cancellationToken))
        {
            if (claim.ExpiresAt > now)
            {
                claimed.Add(claim.Key);
            }
        }

        var states = new Dictionary<TaskNode, TaskState>(graph.Count);
        var rows = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var order = new List<string>();
        var failed = new List<FailureRecord>();
        foreach (var task in graph.Tasks)
        {
            var state = done.Contains(task.Hash) ? TaskState.Done
                : failures.TryGetValue(task.Hash, out var failure) ? TaskState.Failed
                : claimed.Contains(task.Hash) ? TaskState.Running
                : task.Dependencies.All(d => done.Contains(d.Hash)) ? TaskState.Ready
                : TaskState.Waiting;
            states[task] = state;
            if (state == TaskState.Failed)
            {
                failed.Add(failures[task.Hash]);
            }

            if (!rows.TryGetValue(task.Name, out var counts))
            {
                rows[task.Name] = counts = new int[5];
                order.Add(task.Name);
            }

            counts[(int)state]++;
        }

        var report = order.Select(name =>
        {
            var c = rows[name];
            return new StatusRow(name, c[(int)TaskState.Waiting], c[(int)TaskState.Ready], c[(int)TaskState.Running], c[(int)TaskState.Done], c[(int)TaskState.Failed]);
        }).ToArray();
        return new StatusReport(report, states, failed);
    }
}
