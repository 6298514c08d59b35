using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Grains;
using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Runtime.Monitoring;

namespace Jug.Cloud.Web.Cluster;

/// <summary>
/// A cluster at one moment, as the page reads it: the registry's recent runs and each one's info, the
/// monitoring view (<see cref="RunMonitor"/>) of each active run, the newest run's counts by name,
/// and the silos in the membership table.
/// </summary>
internal sealed class ClusterSnapshot
{
    /// <summary>How many recent runs the page lists.</summary>
    public const int RecentRuns = 20;

    private ClusterSnapshot(RunInfo[] runs, RunView[] views, NameCounts[] names, MembershipEntry[] silos, DateTimeOffset at)
    {
        Runs = runs;
        Views = views;
        Names = names;
        Silos = silos;
        At = at;
    }

    /// <summary>Recent runs, newest first.</summary>
    public RunInfo[] Runs { get; }

    /// <summary>The monitoring views of the runs not over.</summary>
    public RunView[] Views { get; }

    /// <summary>The newest run's counts by name.</summary>
    public NameCounts[] Names { get; }

    /// <summary>Active silos.</summary>
    public MembershipEntry[] Silos { get; }

    /// <summary>When this was read.</summary>
    public DateTimeOffset At { get; }

    public static async Task<ClusterSnapshot> ReadAsync(IGrainFactory grains)
    {
        var listed = await ClusterRegistry.Of(grains).ListRuns();
        var runs = await Task.WhenAll(listed.Take(RecentRuns).Select(r => grains.GetGrain<IRunGrain>(r.RunId).GetInfo()));
        var views = await Task.WhenAll(runs.Where(r => !r.IsOver).Select(r => ViewOrNullAsync(grains, r.Run)));
        var names = runs.Length > 0 ? await grains.GetGrain<IRunGrain>(runs[0].Run.RunId).GetNameCounts() : [];
        var silos = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        return new ClusterSnapshot(runs, [.. views.OfType<RunView>()], names, silos, DateTimeOffset.UtcNow);
    }

    /// <summary>The run as it stands, or the newest run when <paramref name="runId"/> is null.</summary>
    /// <exception cref="Sources.UnknownTargetException">No such run among the recent ones.</exception>
    public RunInfo Run(string? runId) =>
        (runId is null ? Runs.FirstOrDefault() : Runs.FirstOrDefault(r => r.Run.RunId == runId))
        ?? throw new Sources.UnknownTargetException(runId is null ? "The cluster has no runs yet." : $"No run {runId} among the cluster's recent runs.");

    /// <summary>A run between epochs has no dispatcher to read; it shows without a view until its next one.</summary>
    private static async Task<RunView?> ViewOrNullAsync(IGrainFactory grains, RunDescriptor run)
    {
        try
        {
            return await RunMonitor.ReadAsync(grains, RunKey.For(run.RunId, run.Epoch));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or OrleansException)
        {
            return null;
        }
    }
}
