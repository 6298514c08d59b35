namespace Jug.Cloud.Autoscaling;

/// <summary>One decision of the autoscaler and what it was made from.</summary>
/// <param name="Current">The silos the provider had.</param>
/// <param name="Recommended">What the work alone asks for now, within the bounds.</param>
/// <param name="Target">What the fleet is to have after this step (<see cref="Current"/> when nothing changes).</param>
/// <param name="WorkSeconds">Seconds of work queued and running, each task weighed by its name's mean run time.</param>
/// <param name="Demand">The reading decided from.</param>
/// <param name="Reason">Why the fleet changes, one line; empty when it does not.</param>
public sealed record ScalingStep(int Current, int Recommended, int Target, double WorkSeconds, DemandSample Demand, string Reason)
{
    /// <summary>
    /// Ready tasks left out of <see cref="WorkSeconds"/> because they require a tag the fleet's silos do
    /// not have (<see cref="ScalingPolicyOptions.FleetTags"/>), by that tag; empty when there are none.
    /// </summary>
    public IReadOnlyDictionary<string, long> Unserved { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Ready tasks left out of the work in all (<see cref="Unserved"/> summed, at most the ready tasks).</summary>
    public long UnservedTasks { get; init; }

    /// <summary>True when the fleet is to change.</summary>
    public bool Changes => Target != Current;

    /// <summary>Seconds of work per silo the fleet is to have (per one silo when it is to have none).</summary>
    public double BacklogPerSilo => WorkSeconds / Math.Max(1, Target);
}
