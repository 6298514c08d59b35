namespace Jug.Cloud.Runtime.Submission;

/// <summary>A task to submit, described without its code: what a cluster run's package says about it.</summary>
/// <param name="Hash">The task.</param>
/// <param name="Name">Its name.</param>
/// <param name="Dependencies">The distinct tasks whose results it takes.</param>
public sealed record PlannedTask(TaskHash Hash, string Name, TaskHash[] Dependencies)
{
    /// <summary>Where it should run, if its method says.</summary>
    public Graph.TaskPlacement? Placement { get; init; }
}
