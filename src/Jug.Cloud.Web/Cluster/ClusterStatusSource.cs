using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Runtime.Monitoring;
using Jug.Cloud.Storage;
using Jug.Cloud.Web.Sources;

namespace Jug.Cloud.Web.Cluster;

/// <summary>
/// The page for a cluster: every recent run from the registry, the active runs' monitoring views
/// (queues, leases, workers, failed attempts, throughput), the silos of the membership table; task
/// and failure pages over the newest run's graph read back from its store. One cluster read a
/// second is shared by every reader.
/// </summary>
public sealed class ClusterStatusSource : IStatusSource, IAsyncDisposable
{
    private readonly SnapshotCache<ClusterSnapshot> _snapshots;
    private readonly ClusterRunPages _pages;

    /// <summary>A source over the cluster <paramref name="grains"/> reach.</summary>
    /// <param name="grains">The silo's or client's grain factory.</param>
    /// <param name="openStore">Opens a run's store by its URI (the runs' stores are read for the task pages).</param>
    /// <param name="cacheDirectory">Where runs' bundles are unpacked to read their graphs.</param>
    /// <param name="location">What the page names as the cluster (redacted here).</param>
    public ClusterStatusSource(IGrainFactory grains, Func<string, IJugStore> openStore, string cacheDirectory, string location)
    {
        ArgumentNullException.ThrowIfNull(grains);
        Grains = grains;
        Location = StoreLocation.RedactText(location);
        _snapshots = new SnapshotCache<ClusterSnapshot>(_ => ClusterSnapshot.ReadAsync(grains), TimeSpan.FromSeconds(1));
        _pages = new ClusterRunPages(openStore, cacheDirectory);
    }

    /// <summary>The cluster's grains.</summary>
    public IGrainFactory Grains { get; }

    /// <summary>The cluster, as the page names it.</summary>
    public string Location { get; }

    /// <inheritdoc />
    public async Task<OverviewView> ReadOverviewAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _snapshots.GetAsync(cancellationToken);
        var rows = snapshot.Names
            .Select(c => new NameRowView(c.Name, c.Waiting, c.Ready, c.Running, c.Done, c.Failed, c.MeanRunTime?.TotalSeconds, c.MaxRunTime?.TotalSeconds))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToArray();
        var failuresLastHour = snapshot.Views.Sum(v => v.RecentFailures.Count(f => f.At >= snapshot.At.AddHours(-1)));
        return new OverviewView("cluster", Location, [.. snapshot.Runs.Select(Summary)], NameRowView.TotalOf(rows), rows, Throughput(snapshot), failuresLastHour, snapshot.At);
    }

    /// <inheritdoc />
    public async Task<TaskPageView?> ReadTasksAsync(TaskQuery query, CancellationToken cancellationToken) =>
        await (await PagesAsync(null, cancellationToken)).ReadTasksAsync(query, cancellationToken);

    /// <inheritdoc />
    public async Task<TaskDetailView?> ReadTaskAsync(TaskHash hash, CancellationToken cancellationToken) =>
        await (await PagesAsync(null, cancellationToken)).ReadTaskAsync(hash, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<FailureGroupView>> ReadFailuresAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _snapshots.GetAsync(cancellationToken);
        return snapshot.Runs.Length == 0 ? [] : await (await PagesAsync(null, cancellationToken)).ReadFailuresAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkerInfoView>> ReadWorkersAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _snapshots.GetAsync(cancellationToken);
        var records = snapshot.Runs.Length == 0 ? [] : await (await PagesAsync(null, cancellationToken)).ReadWorkersAsync(cancellationToken);
        return ClusterWorkers.Of(snapshot, records);
    }

    /// <inheritdoc />
    public async Task<QueuesView> ReadQueuesAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _snapshots.GetAsync(cancellationToken);
        var ready = snapshot.Views
            .SelectMany(v => v.Queues.Select(q => new QueueRowView(v.RunKey, q.Kind.ToString(), q.Key, q.Tasks)))
            .ToArray();
        var leases = snapshot.Views
            .SelectMany(v => v.Running.Select(r => new LeaseRowView(r.Task.ToString(), r.Worker, null, false)))
            .ToList();

        // Locks in the store that lapsed (a dead execute process's, or a silo's that died mid-task).
        if (snapshot.Runs.Length > 0)
        {
            var stored = await (await PagesAsync(null, cancellationToken)).ReadQueuesAsync(cancellationToken);
            leases.AddRange(stored.Leases.Where(l => l.Stale));
        }

        var waiting = snapshot.Runs.Where(r => !r.IsOver).SelectMany(r => r.WaitingForTags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new QueuesView(ready, waiting, leases);
    }

    /// <summary>Forgets the cached cluster read, so the next one shows what an action changed.</summary>
    public void Refresh() => _snapshots.Invalidate();

    /// <summary>The current cluster read (for the actions).</summary>
    internal Task<ClusterSnapshot> SnapshotAsync(CancellationToken cancellationToken) => _snapshots.GetAsync(cancellationToken);

    /// <summary>The task-level pages of run <paramref name="runId"/> (default: the newest).</summary>
    internal async Task<JugdirStatusSource> PagesAsync(string? runId, CancellationToken cancellationToken)
    {
        var snapshot = await _snapshots.GetAsync(cancellationToken);
        return await _pages.ForAsync(snapshot.Run(runId).Run, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _pages.DisposeAsync();
        _snapshots.Dispose();
    }

    private static RunSummaryView Summary(RunInfo info) => new(
        info.Run.RunId,
        info.Run.Name,
        info.State.ToString(),
        info.Run.Submitted,
        info.Finished,
        info.Run.TaskCount,
        info.AlreadyDone + info.Completed,
        info.Running,
        info.Failed,
        info.WaitingForTags,
        info.Error);

    /// <summary>The active runs' throughput added up, interval by interval (their dispatchers share the clock's intervals).</summary>
    private static ThroughputSeries Throughput(ClusterSnapshot snapshot)
    {
        if (snapshot.Views.Length == 0)
        {
            return new ThroughputSeries(snapshot.At, 10, [], []);
        }

        var first = snapshot.Views[0].Throughput;
        var completed = new int[first.Completed.Length];
        var failed = new int[first.Failed.Length];
        foreach (var view in snapshot.Views)
        {
            Add(completed, view.Throughput.Completed);
            Add(failed, view.Throughput.Failed);
        }

        return new ThroughputSeries(first.Start, first.Interval.TotalSeconds, completed, failed);
    }

    private static void Add(int[] sum, int[] values)
    {
        for (var i = 0; i < Math.Min(sum.Length, values.Length); i++)
        {
            sum[i] += values[i];
        }
    }
}
