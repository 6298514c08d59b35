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
    public static Task SubmitAsync(IGrainFactory grains, string runId, IReadOnlyList<TaskNode> tasks, RunSettings settings) =>
        SubmitAsync(grains, runId, tasks, t => t.Hash, t => t.Name, (t, each) =>
        {
            foreach (var dependency in t.Dependencies)
            {
                each(dependency.Hash);
            }
        }, settings);

    /// <summary>Submits tasks described by hash, name and dependencies (a cluster run read back from its package).</summary>
    public static async Task SubmitAsync(IGrainFactory grains, string runId, IReadOnlyList<PlannedTask> tasks, RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var hints = tasks.Where(t => t.Placement is not null).Select(t => new PlacementHint(t.Hash, t.Placement!.Tag, t.Placement.Required)).ToArray();
        await SubmitAsync(grains, runId, tasks, t => t.Hash, t => t.Name, (t, each) => Array.ForEach(t.Dependencies, each), settings, hints);
    }

    private static async Task SubmitAsync<T>(
        IGrainFactory grains,
        string runId,
        IReadOnlyList<T> tasks,
        Func<T, TaskHash> hashOf,
        Func<T, string> nameOf,
        Action<T, Action<TaskHash>> forEachDependency,
        RunSettings settings,
        PlacementHint[]? hints = null)
    {
        var dispatcher = grains.GetGrain<IRunDispatcherGrain>(runId);
        await dispatcher.Configure(settings);
        foreach (var chunk in (hints ?? []).Chunk(BatchSize))
        {
            await dispatcher.Place(chunk);
        }

        await Task.WhenAll(Enumerable.Range(0, settings.ShardCount).Select(shard => Shard(grains, runId, shard).Open(settings.ShardCount)));
        var toRun = new HashSet<TaskHash>(tasks.Count);
        foreach (var task in tasks)
        {
            toRun.Add(hashOf(task));
        }

        var submissions = new List<TaskSubmission>(tasks.Count);
        var edges = new List<Edge>();
        foreach (var task in tasks)
        {
            var hash = hashOf(task);
            var pending = 0;
            forEachDependency(task, dependency =>
            {
                if (toRun.Contains(dependency))
                {
                    pending++;
                    edges.Add(new Edge(dependency, hash));
                }
            });
            submissions.Add(new TaskSubmission(hash, nameOf(task), pending));
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
        await ForEachShardBatch(satisfied, h => h, settings.ShardCount, (shard, batch) => Shard(grains, runId, shard).Satisfy(batch, null));

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
