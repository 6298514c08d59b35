using Jug.Cloud.Graph;
using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains;

namespace Jug.Cloud.Runtime.Submission;

/// <summary>
/// Hands a run's tasks to its shard grains in batches: first the tasks, then the edges between
/// them (each shard answers which dependencies finished meanwhile), then seals the run.
/// </summary>
public static class RunSubmitter
{
    private const int BatchSize = 4096;

    /// <summary>
    /// Submits <paramref name="tasks"/> (the tasks to run, in declaration order). Dependencies outside
    /// the set are taken to be done already.
    /// </summary>
    public static async Task SubmitAsync(IGrainFactory grains, string runId, IReadOnlyList<TaskNode> tasks, RunSettings settings)
    {
        var dispatcher = grains.GetGrain<IRunDispatcherGrain>(runId);
        await dispatcher.Configure(settings);
        var toRun = new HashSet<TaskHash>(tasks.Count);
        foreach (var task in tasks)
        {
            toRun.Add(task.Hash);
        }

        var submissions = new List<TaskSubmission>(tasks.Count);
        var edges = new List<Edge>();
        foreach (var task in tasks)
        {
            var pending = 0;
            foreach (var dependency in task.Dependencies)
            {
                if (toRun.Contains(dependency.Hash))
                {
                    pending++;
                    edges.Add(new Edge(dependency.Hash, task.Hash));
                }
            }

            submissions.Add(new TaskSubmission(task.Hash, task.Name, pending));
        }

        await ForEachShardBatch(submissions, s => s.Hash, settings.ShardCount, (shard, batch) => Shard(grains, runId, shard).AddTasks(batch));

        var satisfied = new List<TaskHash>();
        await ForEachShardBatch(edges, e => e.Dependency, settings.ShardCount, async (shard, batch) =>
        {
            var done = await Shard(grains, runId, shard).Link(batch);
            lock (satisfied)
            {
                satisfied.AddRange(done);
            }
        });
        await ForEachShardBatch(satisfied, h => h, settings.ShardCount, (shard, batch) => Shard(grains, runId, shard).Satisfy(batch));

        await dispatcher.Seal(tasks.Count);
    }

    private static ITaskShardGrain Shard(IGrainFactory grains, string runId, int shard) =>
        grains.GetGrain<ITaskShardGrain>(ShardKey.For(runId, shard));

    private static Task ForEachShardBatch<T>(IEnumerable<T> items, Func<T, TaskHash> key, int shardCount, Func<int, T[], Task> send) =>
        Task.WhenAll(ShardKey.Group(items, key, shardCount).Select(async group =>
        {
            // Batches to one shard go in order; shards proceed in parallel.
            foreach (var chunk in group.Value.Chunk(BatchSize))
            {
                await send(group.Key, chunk);
            }
        }));
}
