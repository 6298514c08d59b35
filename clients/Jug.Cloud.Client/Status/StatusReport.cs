using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>What <c>status</c> shows: one row per task name in first-declaration order, each task's state, and the failures.</summary>
/// <param name="Rows">Counts per task name, in the order the names were first declared.</param>
/// <param name="Tasks">Every task with its state, in declaration order.</param>
/// <param name="Failures">The failure records of the tasks that are <see cref="TaskState.Failed"/>, in declaration order.</param>
public sealed record StatusReport(
    IReadOnlyList<StatusRow> Rows,
    IReadOnlyList<TaskStatusEntry> Tasks,
    IReadOnlyList<FailureRecord> Failures)
{
    /// <summary>The sum of all rows, named <c>Total</c>.</summary>
    public StatusRow Total => new(
        "Total",
        Rows.Sum(r => r.Waiting),
        Rows.Sum(r => r.Ready),
        Rows.Sum(r => r.Running),
        Rows.Sum(r => r.Done),
        Rows.Sum(r => r.Failed));

    /// <summary>True if the jugfile stopped at a barrier: tasks declared after it are not listed.</summary>
    public bool StoppedAtBarrier { get; init; }

    /// <summary>True if every task is done.</summary>
    public bool AllDone => Rows.All(r => r.Done == r.Total);
}
