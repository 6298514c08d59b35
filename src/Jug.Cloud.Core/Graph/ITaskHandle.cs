namespace Jug.Cloud.Graph;

/// <summary>
/// A value in the graph that is not computed yet: a task's result or a view into one (the SDK's
/// handles). A task method that returns one is a compound task, whose result is its inner graph's.
/// </summary>
public interface ITaskHandle
{
    /// <summary>Where the value comes from in the graph.</summary>
    TaskReference Reference { get; }
}
