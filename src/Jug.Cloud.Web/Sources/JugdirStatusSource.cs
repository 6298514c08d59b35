using Jug.Cloud.Client;
using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Web.Sources;

/// <summary>
/// The page for a jugdir and its jugfile's graph on this machine, read from the store alone as
/// <c>status</c> does (results, claims, worker status records, failures, run log), live while
/// <c>execute</c> processes run on it. One snapshot a second is shared by every reader.
/// </summary>
public sealed class JugdirStatusSource : IStatusSource, IDisposable
{
    private readonly SnapshotCache<JugdirSnapshot> _snapshots;

    /// <summary>A source over <paramref name="graph"/> and <paramref name="store"/>.</summary>
    /// <param name="graph">The jugfile's graph.</param>
    /// <param name="store">Its store (not disposed here).</param>
    /// <param name="name">What the run is called on the page (the jugfile's name).</param>
    public JugdirStatusSource(TaskGraph graph, IJugStore store, string name)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(store);
        Graph = graph;
        Store = store;
        Name = name;
        _snapshots = new SnapshotCache<JugdirSnapshot>(ct => JugdirSnapshot.ReadAsync(graph, store, ct), TimeSpan.FromSeconds(1));
    }

    /// <summary>The graph shown.</summary>
    public TaskGraph Graph { get; }

    /// <summary>The store read.</summary>
    public IJugStore Store { get; }

    /// <summary>The run's name on the page.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public async Task<OverviewView> ReadOverviewAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _snapshots.GetAsync(cancellationToken);
        var rows = snapshot.Rows();
        var total = NameRowView.TotalOf(rows);
        var state = total.Done == total.Tasks ? "Done"
            : total.Running > 0 ? "Running"
            : total.Failed > 0 ? "Failed"
            : "Waiting";
        var run = new RunSummaryView("jugdir", Name, state, null, null, total.Tasks, total.Done, total.Running, total.Failed, [], null);
        return new OverviewView("jugdir", StoreLocation.RedactText(Store.DisplayName), [run], total, rows, snapshot.Throughput(), snapshot.FailuresSince(snapshot.At.AddHours(-1)), snapshot.At);
    }

    /// <inheritdoc />
    public async Task<TaskPageView?> ReadTasksAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var snapshot = await _snapshots.GetAsync(cancellationToken);
        if (!snapshot.ByName.TryGetValue(query.Name, out var tasks))
        {
            return null;
        }

        var matching = tasks
            .Where(t => query.State is null || string.Equals(t.State.ToString(), query.State, StringComparison.OrdinalIgnoreCase))
            .Where(t => query.HashPrefix is null || t.Task.Hash.ToString().StartsWith(query.HashPrefix, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var page = matching
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Select(t => new TaskRowView(t.Task.Hash.ToString(), t.State.ToString()))
            .ToArray();
        return new TaskPageView(query.Name, matching.Count, query.Page, query.PageSize, page);
    }

    /// <inheritdoc />
    public async Task<TaskDetailView?> ReadTaskAsync(TaskHash hash, CancellationToken cancellationToken)
    {
        if (Graph.Find(hash) is not { } task)
        {
            return null;
        }

        var snapshot = await _snapshots.GetAsync(cancellationToken);
        var state = snapshot.States.GetValueOrDefault(hash);
        var runs = snapshot.Runs.Where(r => r.Key == hash).OrderBy(r => r.Started).ToArray();
        var failure = await Store.GetFailureAsync(hash, cancellationToken);
        var result = state == TaskState.Done ? await Store.GetAsync(hash, cancellationToken) : null;
        var worker = snapshot.Workers.FirstOrDefault(w => !w.IsExpired(snapshot.At) && w.Running.Any(t => t.Key == hash))?.Worker
            ?? runs.LastOrDefault()?.Worker
            ?? failure?.Worker;
        return new TaskDetailView(
            hash.ToString(),
            task.Name,
            state.ToString(),
            Math.Max(runs.Length, failure?.Attempt ?? 0),
            TaskProvenance.Describe(task),
            [.. task.Dependencies.Select(d => new TaskRowView(d.Hash.ToString(), snapshot.States.GetValueOrDefault(d.Hash).ToString()))],
            failure is null ? null : ToView(failure),
            [.. runs.Select(r => new TaskRunView(r.Attempt, r.Worker, r.Started, r.Duration.TotalSeconds, r.Succeeded))],
            worker,
            result?.LongLength);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FailureGroupView>> ReadFailuresAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _snapshots.GetAsync(cancellationToken);
        return [.. snapshot.Report.Failures
            .GroupBy(f => (f.TaskName, f.ExceptionType))
            .OrderBy(g => g.Key.TaskName, StringComparer.Ordinal)
            .ThenBy(g => g.Key.ExceptionType, StringComparer.Ordinal)
            .Select(g => new FailureGroupView(g.Key.TaskName, g.Key.ExceptionType, g.Count(), [.. g.OrderByDescending(f => f.Time).Select(ToView)]))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkerInfoView>> ReadWorkersAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _snapshots.GetAsync(cancellationToken);
        return [.. snapshot.Workers
            .OrderBy(w => w.Worker, StringComparer.Ordinal)
            .Select(w => new WorkerInfoView(
                w.Worker,
                w.Host,
                w.Tags,
                w.Slots,
                Math.Max(0, (snapshot.At - w.Updated).TotalSeconds),
                w.IsExpired(snapshot.At),
                [.. w.Running.Select(t => new SlotTaskView(t.Key.ToString(), t.TaskName, t.Started))],
                w.TasksDone,
                w.StoreReads))];
    }

    /// <inheritdoc />
    public async Task<QueuesView> ReadQueuesAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _snapshots.GetAsync(cancellationToken);
        var ready = snapshot.Report.Tasks
            .Where(t => t.State == TaskState.Ready)
            .GroupBy(t => t.Task.Options.Placement)
            .Select(g => new QueueRowView(
                "jugdir",
                g.Key is null ? "Shared" : g.Key.Required ? "Required" : "Preferred",
                g.Key?.Tag ?? "",
                g.Count()))
            .ToArray();
        var leases = snapshot.Claims
            .OrderBy(c => c.ExpiresAt)
            .Select(c => new LeaseRowView(c.Key.ToString(), c.Owner, c.ExpiresAt, c.ExpiresAt <= snapshot.At))
            .ToArray();
        return new QueuesView(ready, [], leases);
    }

    /// <summary>Forgets the cached snapshot, so the next read shows what an action changed.</summary>
    public void Refresh() => _snapshots.Invalidate();

    /// <summary>The current snapshot (for the actions, which act on what the page shows).</summary>
    internal Task<JugdirSnapshot> SnapshotAsync(CancellationToken cancellationToken) => _snapshots.GetAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _snapshots.Dispose();

    internal static FailureView ToView(FailureRecord f) =>
        new(f.Key.ToString(), f.TaskName, f.ExceptionType, f.Message, f.StackTrace, f.Attempt, f.Worker, f.Time);
}
