using Jug.Cloud.Client;
using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Web.Sources;

/// <summary>
/// A jugdir's status at one moment: <c>status</c>'s report over the graph, and the run log, worker
/// records and claims it was worked out from, indexed for the page.
/// </summary>
internal sealed class JugdirSnapshot
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private JugdirSnapshot(StatusReport report, RunRecord[] runs, WorkerStatus[] workers, ClaimInfo[] claims, DateTimeOffset at)
    {
        Report = report;
        Runs = runs;
        Workers = workers;
        Claims = claims;
        At = at;
        States = new Dictionary<TaskHash, TaskState>(report.Tasks.Count);
        ByName = new Dictionary<string, List<TaskStatusEntry>>(StringComparer.Ordinal);
        foreach (var entry in report.Tasks)
        {
            States[entry.Task.Hash] = entry.State;
            if (!ByName.TryGetValue(entry.Task.Name, out var list))
            {
                ByName[entry.Task.Name] = list = [];
            }

            list.Add(entry);
        }
    }

    public StatusReport Report { get; }

    public RunRecord[] Runs { get; }

    public WorkerStatus[] Workers { get; }

    public ClaimInfo[] Claims { get; }

    public DateTimeOffset At { get; }

    public Dictionary<TaskHash, TaskState> States { get; }

    public Dictionary<string, List<TaskStatusEntry>> ByName { get; }

    public static async Task<JugdirSnapshot> ReadAsync(TaskGraph graph, IJugStore store, CancellationToken cancellationToken)
    {
        var report = await GraphStatus.ComputeAsync(graph, store, cancellationToken);
        var runs = await store.ListRunsAsync(cancellationToken).ToArrayAsync(cancellationToken);
        var workers = await store.ListWorkerStatusesAsync(cancellationToken).ToArrayAsync(cancellationToken);
        var claims = await store.ListClaimsAsync(cancellationToken).ToArrayAsync(cancellationToken);
        return new JugdirSnapshot(report, runs, workers, claims, DateTimeOffset.UtcNow);
    }

    public IReadOnlyList<NameRowView> Rows() =>
        [.. Report.Rows.Select(r => new NameRowView(r.Name, r.Waiting, r.Ready, r.Running, r.Done, r.Failed, r.MeanRunTime?.TotalSeconds, r.MaxRunTime?.TotalSeconds))];

    /// <summary>Tasks finished and failed per ten seconds over the last hour, from the run log.</summary>
    public ThroughputSeries Throughput()
    {
        var count = (int)(Window / Interval);
        var start = new DateTimeOffset(At.UtcTicks - (At.UtcTicks % Interval.Ticks), TimeSpan.Zero) - (Interval * (count - 1));
        var completed = new int[count];
        var failed = new int[count];
        foreach (var run in Runs)
        {
            var index = (int)Math.Floor((run.Started + run.Duration - start) / Interval);
            if (index >= 0 && index < count)
            {
                (run.Succeeded ? completed : failed)[index]++;
            }
        }

        return new ThroughputSeries(start, Interval.TotalSeconds, completed, failed);
    }

    public int FailuresSince(DateTimeOffset since) => Runs.Count(r => !r.Succeeded && r.Started + r.Duration >= since);
}
