using Jug.Cloud.Runtime.Grains;

namespace Jug.Cloud.Autoscaling;

/// <summary>What the cluster asks of the fleet at one moment.</summary>
/// <param name="Names">Ready and running tasks of every active run, by task name, with each name's mean run time so far.</param>
/// <param name="ActiveSilos">Silos the cluster's membership lists as active.</param>
/// <param name="WaitingSubmitters">Submitters waiting for a first silo (<see cref="Cluster.Hosting.SiloDemand"/>).</param>
public sealed record DemandSample(IReadOnlyList<NameCounts> Names, int ActiveSilos, int WaitingSubmitters)
{
    /// <summary>No work, no silo, nobody waiting.</summary>
    public static DemandSample Idle { get; } = new([], 0, 0);

    /// <summary>Tasks ready to run.</summary>
    public long Ready => Names.Sum(n => (long)n.Ready);

    /// <summary>Tasks handed to a silo and not reported yet.</summary>
    public long Running => Names.Sum(n => (long)n.Running);
}
