using Jug.Cloud.Runtime.Monitoring;

namespace Jug.Cloud.Telemetry.Sampling;

/// <summary>One active run's monitoring view, under its run id.</summary>
/// <param name="RunId">The run's id (the label; the view's key also names the epoch).</param>
/// <param name="View">Its view.</param>
internal sealed record RunSample(string RunId, RunView View);

/// <summary>What the cluster looked like at the last sample: what the observable gauges report.</summary>
/// <param name="Runs">The active runs that could be read.</param>
/// <param name="Silos">Active silos in the cluster's membership, if it could be read.</param>
/// <param name="DesiredSilos">Silos the queued and running work asks for.</param>
internal sealed record ClusterSnapshot(RunSample[] Runs, int? Silos, int DesiredSilos)
{
    /// <summary>Before the first sample: no figures.</summary>
    public static ClusterSnapshot Empty { get; } = new([], null, 0);
}
