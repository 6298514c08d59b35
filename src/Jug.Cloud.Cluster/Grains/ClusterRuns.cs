using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Runtime.Monitoring;

namespace Jug.Cloud.Cluster.Grains;

/// <summary>One active run of the cluster and its monitoring view.</summary>
/// <param name="RunId">The run.</param>
/// <param name="View">Its counts, leases, queues and workers, as <see cref="RunMonitor"/> read them.</param>
public sealed record ActiveRunView(string RunId, RunView View);

/// <summary>
/// The cluster's active runs read through the monitoring view: the registry's list, then each run's
/// current epoch. What the metrics sampler and the autoscaler both size the fleet from.
/// </summary>
public static class ClusterRuns
{
    /// <summary>
    /// The views of every active run; a run that cannot be read now (its epoch is being replaced) is
    /// left out and reported to <paramref name="unreadable"/>.
    /// </summary>
    public static async Task<IReadOnlyList<ActiveRunView>> ReadActiveAsync(IGrainFactory grains, Action<string, Exception>? unreadable = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var active = await ClusterRegistry.Of(grains).WatchRuns(long.MinValue);
        var views = await Task.WhenAll(active.Runs.Select(async run =>
        {
            try
            {
                return new ActiveRunView(run.RunId, await RunMonitor.ReadAsync(grains, RunKey.For(run.RunId, run.Epoch)));
            }
#pragma warning disable CA1031 // A run whose epoch is being replaced is left out of this reading only.
            catch (Exception e)
#pragma warning restore CA1031
            {
                unreadable?.Invoke(run.RunId, e);
                return null;
            }
        }));
        return [.. views.OfType<ActiveRunView>()];
    }
}
