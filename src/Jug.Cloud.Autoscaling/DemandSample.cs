using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Runtime.Monitoring;

namespace Jug.Cloud.Autoscaling;

/// <summary>What the cluster asks of the fleet at one moment.</summary>
/// <param name="Names">Ready and running tasks of every active run, by task name, with each name's mean run time so far.</param>
/// <param name="ActiveSilos">Silos the cluster's membership lists as active.</param>
/// <param name="WaitingSubmitters">Submitters waiting for a first silo (<see cref="Cluster.Hosting.SiloDemand"/>).</param>
public sealed record DemandSample(IReadOnlyList<NameCounts> Names, int ActiveSilos, int WaitingSubmitters)
{
    /// <summary>No work, no silo, nobody waiting.</summary>
    public static DemandSample Idle { get; } = new([], 0, 0);

    /// <summary>
    /// Ready tasks that only a silo with a tag may run, by that tag, over every active run (the
    /// dispatchers' required-tag queues). They are also counted in <see cref="Names"/>: the shards
    /// count by name and do not know placements, so the two cannot be joined task by task.
    /// </summary>
    public IReadOnlyDictionary<string, long> RequiredTags { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Tasks ready to run.</summary>
    public long Ready => Names.Sum(n => (long)n.Ready);

    /// <summary>Tasks handed to a silo and not reported yet.</summary>
    public long Running => Names.Sum(n => (long)n.Running);

    /// <summary>
    /// The ready tasks of <paramref name="queues"/> (from any number of runs) that require a tag, by tag.
    /// Preferred tags are left out: such a task goes to any silo after the patience, so it is ordinary work.
    /// </summary>
    public static Dictionary<string, long> RequiredByTag(IEnumerable<QueueDepth> queues)
    {
        ArgumentNullException.ThrowIfNull(queues);
        var byTag = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var queue in queues)
        {
            if (queue.Kind == QueueKind.Required && queue.Tasks > 0)
            {
                byTag[queue.Key] = byTag.GetValueOrDefault(queue.Key) + queue.Tasks;
            }
        }

        return byTag;
    }
}
