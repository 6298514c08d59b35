namespace Jug.Cloud.Client;

/// <summary>Counts of the tasks of one name by state: one line of Jug's status table.</summary>
/// <param name="Name">The task name (or <c>Total</c>).</param>
/// <param name="Waiting">Some dependency is not done.</param>
/// <param name="Ready">Every dependency is done.</param>
/// <param name="Running">Claimed by a worker.</param>
/// <param name="Done">Stored.</param>
/// <param name="Failed">Not done, and a failure is recorded.</param>
public sealed record StatusRow(string Name, int Waiting, int Ready, int Running, int Done, int Failed)
{
    /// <summary>Mean run time of the done tasks of this name that have a run record; null if none has.</summary>
    public TimeSpan? MeanRunTime { get; init; }

    /// <summary>Longest run time of the done tasks of this name that have a run record; null if none has.</summary>
    public TimeSpan? MaxRunTime { get; init; }

    /// <summary>All tasks of this name.</summary>
    public int Total => Waiting + Ready + Running + Done + Failed;

    /// <summary>The count of one state.</summary>
    public int this[TaskState state] => state switch
    {
        TaskState.Waiting => Waiting,
        TaskState.Ready => Ready,
        TaskState.Running => Running,
        TaskState.Done => Done,
        TaskState.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
