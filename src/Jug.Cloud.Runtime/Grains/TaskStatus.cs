namespace Jug.Cloud.Runtime.Grains;

/// <summary>Where a task is in its life within a run.</summary>
public enum TaskStatus : byte
{
    /// <summary>Some dependency is not done.</summary>
    Waiting,

    /// <summary>Every dependency is done; queued or running.</summary>
    Ready,

    /// <summary>Its result is stored.</summary>
    Done,

    /// <summary>It failed for good; its dependents wait.</summary>
    Failed,
}
