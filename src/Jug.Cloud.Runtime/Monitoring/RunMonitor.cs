using Jug.Cloud.Runtime.Grains;

namespace Jug.Cloud.Runtime.Monitoring;

/// <summary>
/// Reads one run's <see cref="RunView"/> from its grains: the dispatcher's counters, leases, queues,
/// workers and failures, and each shard's counts by name with what the dispatcher has leased counted
/// as running. Read-only, a few batched calls; what status, the web page and metrics share.
/// </summary>
public static class RunMonitor
{
    /// <summary>The view of the run whose dispatcher is keyed <paramref name="runKey"/>.</summary>
    public static async Task<RunView> ReadAsync(IGrainFactory grains, string runKey)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrEmpty(runKey);
        var dispatcher = await grains.GetGrain<IRunDispatcherGrain>(runKey).GetView();
        var leased = Array.ConvertAll(dispatcher.Leases, l => l.Task);
        var failed = Array.ConvertAll(dispatcher.RecentFailures, f => f.Task);
        var shards = Enumerable.Range(0, dispatcher.ShardCount)
            .Select(i => grains.GetGrain<ITaskShardGrain>(ShardKey.For(runKey, i)))
            .ToArray();
        var counts = await Task.WhenAll(shards.Select((shard, i) => shard.GetNameCounts(InShard(leased, i, shards.Length))));
        var named = leased.Concat(failed).Distinct().ToArray();
        var names = await NamesAsync(shards, named);

        var running = dispatcher.Leases
            .Select(l => new RunningTask(l.Task, names.GetValueOrDefault(l.Task) ?? "", l.Worker, l.Since))
            .OrderBy(r => r.Since)
            .ToArray();
        var failures = Array.ConvertAll(dispatcher.RecentFailures, f => f with { Name = names.GetValueOrDefault(f.Task) });
        var byName = NameCounts.Merge(counts.SelectMany(c => c)).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
        return new RunView(runKey, dispatcher.Progress, byName, running, dispatcher.Queues, dispatcher.Workers, failures, dispatcher.Throughput);
    }

    private static TaskHash[] InShard(TaskHash[] tasks, int shard, int shardCount) =>
        [.. tasks.Where(t => ShardKey.ShardOf(t, shardCount) == shard)];

    private static async Task<Dictionary<TaskHash, string>> NamesAsync(ITaskShardGrain[] shards, TaskHash[] tasks)
    {
        var names = new Dictionary<TaskHash, string>();
        if (tasks.Length == 0)
        {
            return names;
        }

        var asked = ShardKey.Group(tasks, t => t, shards.Length);
        var answers = await Task.WhenAll(asked.Select(async g => (Tasks: g.Value, Names: await shards[g.Key].GetNames([.. g.Value]))));
        foreach (var (group, found) in answers)
        {
            for (var i = 0; i < group.Count; i++)
            {
                if (found[i] is { } name)
                {
                    names[group[i]] = name;
                }
            }
        }

        return names;
    }
}
