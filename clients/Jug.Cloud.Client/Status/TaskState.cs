namespace Jug.Cloud.Client;

/// <summary>A task's state as <c>status</c> reports it, worked out from the store.</summary>
public enum TaskState
{
    /// <summary>Some dependency is not done.</summary>
    Waiting,

    /// <summary>Every dependency is done; it can run.</summary>
    Ready,

    /// <summary>Someone holds an unexpired claim on it.</summary>
    Running,

    /// <summary>Its result is stored.</summary>
    Done,

    /// <summary>Not done, and its last run failed.</summary>
    Failed,
}
