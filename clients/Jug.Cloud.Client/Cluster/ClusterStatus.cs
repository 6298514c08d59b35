using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Grains;
using Jug.Cloud.Cluster.Hosting;

namespace Jug.Cloud.Client.Cluster;

/// <summary>
/// Status of a cluster run from its grains (the run's monitoring view: counts by task name kept by the
/// run's shards, running tasks from the dispatcher's leases, run times of the tasks that finished; once
/// it is over, the counts the run grain kept), without building the jugfile or reading the store per task.
/// </summary>
public static class ClusterStatus
{
    /// <summary>The run and its status report (tasks are counted, not listed).</summary>
    public static async Task<(RunInfo Run, StatusReport Report)> ComputeAsync(ClusterConnection connection, string? runId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var run = await ClusterRunGraph.FindAsync(connection, runId);
        var grain = connection.Grains.GetGrain<IRunGrain>(run.RunId);
        var info = await grain.GetInfo();
        var counts = await grain.GetNameCounts();
        var rows = counts
            .Select(c => new StatusRow(c.Name, c.Waiting, info.IsOver ? 0 : c.Ready, info.IsOver ? 0 : c.Running, c.Done, c.Failed)
            {
                MeanRunTime = c.MeanRunTime,
                MaxRunTime = c.MaxRunTime,
            })
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        return (info, new StatusReport(rows, [], []));
    }
}
