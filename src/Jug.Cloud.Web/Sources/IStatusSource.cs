namespace Jug.Cloud.Web.Sources;

/// <summary>
/// Where the page's figures come from: a jugdir and its jugfile's graph, or a cluster's grains. The
/// API and the page read only this, so they do not care which.
/// </summary>
public interface IStatusSource
{
    /// <summary>Runs, counts by name, throughput.</summary>
    Task<OverviewView> ReadOverviewAsync(CancellationToken cancellationToken);

    /// <summary>A page of one name's tasks; null if no task has that name.</summary>
    Task<TaskPageView?> ReadTasksAsync(TaskQuery query, CancellationToken cancellationToken);

    /// <summary>One task; null if the graph has no such task.</summary>
    Task<TaskDetailView?> ReadTaskAsync(TaskHash hash, CancellationToken cancellationToken);

    /// <summary>Every failed task, grouped by name and exception type.</summary>
    Task<IReadOnlyList<FailureGroupView>> ReadFailuresAsync(CancellationToken cancellationToken);

    /// <summary>The workers and what their slots run.</summary>
    Task<IReadOnlyList<WorkerInfoView>> ReadWorkersAsync(CancellationToken cancellationToken);

    /// <summary>Ready queues and leases.</summary>
    Task<QueuesView> ReadQueuesAsync(CancellationToken cancellationToken);
}

/// <summary>What the page's actions do to a source's store or runs.</summary>
public interface IStatusActions
{
    /// <summary>Makes failed tasks run again: all of them, those of a name, or one.</summary>
    Task<ActionOutcome> RetryAsync(ActionTarget target, CancellationToken cancellationToken);

    /// <summary>How many tasks and stored results invalidating <paramref name="target"/> would touch, touching nothing.</summary>
    Task<ActionOutcome> PreviewInvalidateAsync(ActionTarget target, CancellationToken cancellationToken);

    /// <summary>Removes the results of a name's tasks or one task, and of everything downstream.</summary>
    Task<ActionOutcome> InvalidateAsync(ActionTarget target, CancellationToken cancellationToken);

    /// <summary>Removes lapsed claims (locks of processes that died).</summary>
    Task<ActionOutcome> RemoveStaleLocksAsync(CancellationToken cancellationToken);

    /// <summary>Stops a run: no new task is handed out; running ones finish.</summary>
    Task<ActionOutcome> CancelRunAsync(string? runId, CancellationToken cancellationToken);

    /// <summary>
    /// Drains the silo named <paramref name="worker"/> and makes it leave the cluster, as SIGTERM does:
    /// tasks it fetched and has not started go back at once, running ones finish and are stored.
    /// </summary>
    Task<ActionOutcome> DrainWorkerAsync(string worker, CancellationToken cancellationToken);
}

/// <summary>Which tasks an action is for: every one (both null), a name's, or one task.</summary>
/// <param name="Name">A task name.</param>
/// <param name="Task">A task's hash (hex).</param>
/// <param name="Run">A cluster run (default: the latest).</param>
public sealed record ActionTarget(string? Name, string? Task, string? Run)
{
    /// <summary>A worker (silo) an action is for, instead of tasks.</summary>
    public string? Worker { get; init; }

    /// <summary>How the target reads in the action log.</summary>
    public override string ToString() =>
        Worker is not null ? $"worker {Worker}" : Task is not null ? $"task {Task}" : Name is not null ? $"name {Name}" : "all tasks";
}

/// <summary>What an action did (or, for a preview, would do).</summary>
/// <param name="Summary">One line.</param>
/// <param name="Tasks">Tasks it touched.</param>
/// <param name="Results">Stored results it removed (or would remove).</param>
public sealed record ActionOutcome(string Summary, int Tasks, int Results);

/// <summary>An action's input or target is not known to the source (answered 404).</summary>
public sealed class UnknownTargetException(string message) : Exception(message);
