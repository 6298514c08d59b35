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
    private const int BatchSize = RuntimeLimits.SubmitBatch;

    /// <summary>
    /// Submits <paramref name="tasks"/> (the tasks to run, in declaration order). Dependencies outside
    /// the set are taken to be done already.
    /// </summary>
    public static Task SubmitAsync(IGrainFactory grains, string runId, IReadOnlyList<TaskNode> tasks, RunSettings settings) =>
        SubmitAsync(grains, runId, tasks, t => t.Hash, t => t.Name, t => t.Dependencies.Count, (t, i) => t.Dependencies[i].Hash, settings);

    /// <summary>Submits tasks described by hash, name and dependencies (a cluster run read back from its package).</summary>
    public static async Task SubmitAsync(IGrainFactory grains, string runId, IReadOnlyList<PlannedTask> tasks, RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var hints = tasks.Where(t => t.Placement is not null).Select(t => new PlacementHint(t.Hash, t.Placement!.Tag, t.Placement.Required)).ToArray();
        await SubmitAsync(grains, runId, tasks, t => t.Hash, t => t.Name, t => t.Dependencies.Length, (t, i) => t.Dependencies[i], settings, hints);
    }

    private static async Task SubmitAsync<T>(
        IGrainFactory grains,
        string runId,
        IReadOnlyList<T> tasks,
        Func<T, TaskHash> hashOf,
        Func<T, string> nameOf,
        Func<T, int> dependencyCount,
        Func<T, int, TaskHash> dependencyAt,
        RunSettings settings,
        PlacementHint[]? hints = null)
    {
        IDispatcherSubmission dispatcher = grains.GetGrain<IRunDispatcherGrain>(runId);
        await dispatcher.Configure(settings);
        foreach (var chunk in (hints ?? []).Chunk(BatchSize))
        {
            await dispatcher.Place(chunk);
        }

        var shardCount = settings.ShardCount;
        var toRun = new HashSet<TaskHash>(tasks.Count);
        var perShard = new int[shardCount];
        foreach (var task in tasks)
        {
            var hash = hashOf(task);
            if (toRun.Add(hash))
            {
                perShard[ShardKey.ShardOf(hash, shardCount)]++;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, shardCount).Select(shard => Shard(grains, runId, shard).Open(shardCount, perShard[shard])));

        // Every task is on its shard before any edge is linked: a link needs its dependency's entry.
        var adder = new ShardBatcher<TaskSubmission>(shardCount, BatchSize, (shard, batch) => Shard(grains, runId, shard).AddTasks(batch));
        foreach (var task in tasks)
        {
            var pending = 0;
            for (int i = 0, n = dependencyCount(task); i < n; i++)
            {
                pending += toRun.Contains(dependencyAt(task, i)) ? 1 : 0;
            }

            var hash = hashOf(task);
            await adder.AddAsync(hash, new TaskSubmission(hash, nameOf(task), pending));
        }

        await adder.FlushAsync();

        var satisfied = new List<TaskHash>();
        var linker = new ShardBatcher<Edge>(shardCount, BatchSize, async (shard, batch) =>
        {
            var done = await Shard(grains, runId, shard).Link(batch);
            lock (satisfied)
            {
                satisfied.AddRange(done);
            }
        });
        foreach (var task in tasks)
        {
            var hash = hashOf(task);
            for (int i = 0, n = dependencyCount(task); i < n; i++)
            {
                var dependency = dependencyAt(task, i);
                if (toRun.Contains(dependency))
                {
                    await linker.AddAsync(dependency, new Edge(dependency, hash));
                }
            }
        }

        await linker.FlushAsync();

        var satisfier = new ShardBatcher<TaskHash>(shardCount, BatchSize, (shard, batch) => Shard(grains, runId, shard).Satisfy(batch, null));
        foreach (var dependent in satisfied)
        {
            await satisfier.AddAsync(dependent, dependent);
        }

        await satisfier.FlushAsync();
        await dispatcher.Seal(tasks.Count);
    }

    private static ITaskShardGrain Shard(IGrainFactory grains, string runId, int shard) =>
        grains.GetGrain<ITaskShardGrain>(ShardKey.For(runId, shard));
}
