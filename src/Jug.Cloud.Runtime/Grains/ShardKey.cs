namespace Jug.Cloud.Runtime.Grains;

/// <summary>Which shard grain of a run holds a task.</summary>
public static class ShardKey
{
    /// <summary>The shard index of <paramref name="hash"/>.</summary>
    public static int ShardOf(TaskHash hash, int shardCount) => (int)(hash.Bucket % (ulong)shardCount);

    /// <summary>The grain key of shard <paramref name="shard"/> of run <paramref name="runId"/>.</summary>
    public static string For(string runId, int shard) => $"{runId}/{shard}";

    /// <summary>The run id part of a shard key.</summary>
    public static string RunIdOf(string shardKey) => shardKey[..shardKey.LastIndexOf('/')];

    /// <summary>Splits items into lists by the shard of their key, so each shard gets one batched call.</summary>
    public static Dictionary<int, List<T>> Group<T>(IEnumerable<T> items, Func<T, TaskHash> key, int shardCount)
    {
        var groups = new Dictionary<int, List<T>>();
        foreach (var item in items)
        {
            var shard = ShardOf(key(item), shardCount);
            if (!groups.TryGetValue(shard, out var list))
            {
                groups[shard] = list = [];
            }

            list.Add(item);
        }

        return groups;
    }
}
