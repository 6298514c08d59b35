using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud;

/// <summary>
/// What <see cref="Jug.Barrier"/>, <see cref="Jug.BValue{T}"/> and <see cref="Jug.Value{T}"/> need
/// while a jugfile declares its graph: the store, and a way to get tasks done. <c>execute</c> gives
/// one that runs them; <c>status</c> and the other inspecting commands give one that only checks.
/// </summary>
public interface IJugRunner
{
    /// <summary>The store results are read from.</summary>
    IResultStore Store { get; }

    /// <summary>
    /// Gets every task of <paramref name="scope"/> done (or only checks that it is); returns false
    /// when they are not all done, and the jugfile then stops at this barrier.
    /// </summary>
    Task<bool> EnsureDoneAsync(TaskGraph graph, IReadOnlyList<TaskNode> scope, CancellationToken cancellationToken);

    /// <summary>
    /// Gets <paramref name="task"/> done for <see cref="Jug.BValue{T}"/>, with the tasks it needs
    /// (<paramref name="scope"/>, the task included); returns false when it is not done, and the
    /// jugfile then stops there. By default the same as <see cref="EnsureDoneAsync"/>; runners that
    /// report what they ran override it to name the value.
    /// </summary>
    Task<bool> EnsureValueAsync(TaskGraph graph, TaskNode task, IReadOnlyList<TaskNode> scope, CancellationToken cancellationToken) =>
        EnsureDoneAsync(graph, scope, cancellationToken);
}

/// <summary>
/// Thrown inside a jugfile at a barrier whose tasks are not all done: the code after it cannot run
/// yet. The loader catches it and keeps the graph declared so far.
/// </summary>
public sealed class BarrierReachedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BarrierReachedException()
        : base("The jugfile stopped at a barrier: the tasks before it are not all done.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public BarrierReachedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public BarrierReachedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
