namespace Jug.Cloud.Client;

/// <summary>A task's state as <c>status</c> reports it, worked out from the store alone.</summary>
public enum TaskState
{
    /// <summary>Some dependency is not done.</summary>
    Waiting,

    /// <summary>Every dependency is done; it can run.</summary>
    Ready,

    /// <summary>Not done, and someone holds an unexpired claim on it (a retry after a failure counts).</summary>
    Running,

    /// <summary>Its result is stored.</summary>
    Done,

    /// <summary>Not done, not claimed, and a failure is recorded for it.</summary>
    Failed,
}
