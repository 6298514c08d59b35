using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>Counts of one task name by state.</summary>
/// <param name="Name">The task name.</param>
/// <param name="Waiting">Waiting for dependencies.</param>
/// <param name="Ready">Ready to run.</param>
/// <param name="Running">Claimed by a worker.</param>
/// <param name="Done">Stored.</param>
/// <param name="Failed">Failed.</param>
public sealed record StatusRow(string Name, int Waiting, int Ready, int Running, int Done, int Failed)
{
    /// <summary>All tasks of this name.</summary>
    public int Total => Waiting + Ready + Running + Done + Failed;
}

/// <summary>What <c>status</c> shows: one row per task name in first-declaration order, and the states of every task.</summary>
/// <param name="Rows">Counts per task name.</param>
/// <param name="States">Each task's state.</param>
/// <param name="Failures">The failure records of failed tasks.</param>
public sealed record StatusReport(
    IReadOnlyList<StatusRow> Rows,
    IReadOnlyDictionary<TaskNode, TaskState> States,
    IReadOnlyList<FailureRecord> Failures)
{
    /// <summary>The sum of all rows.</summary>
    public StatusRow Total => new(
        "Total",
        Rows.Sum(r => r.Waiting),
        Rows.Sum(r => r.Ready),
        Rows.Sum(r => r.Running),
        Rows.Sum(r => r.Done),
        Rows.Sum(r => r.Failed));

    /// <summary>True if every task is done.</summary>
    public bool AllDone => Rows.All(r => r.Done == r.Total);
}
