namespace Jug.Cloud.Graph;

/// <summary>
/// What the running task may ask about its own execution: its cancellation (timeout or abort), its
/// attempt number and the worker running it. Set by the worker around each call.
/// </summary>
public sealed class TaskExecution
{
    private static readonly AsyncLocal<TaskExecution?> CurrentExecution = new();

    /// <summary>Describes one attempt of one task.</summary>
    public TaskExecution(TaskNode task, int attempt, string worker, CancellationToken cancellationToken)
    {
        Task = task;
        Attempt = attempt;
        Worker = worker;
        CancellationToken = cancellationToken;
    }

    /// <summary>The execution on this flow, or null outside a running task.</summary>
    public static TaskExecution? Current => CurrentExecution.Value;

    /// <summary>The task running.</summary>
    public TaskNode Task { get; }

    /// <summary>1 for the first attempt.</summary>
    public int Attempt { get; }

    /// <summary>The worker running it.</summary>
    public string Worker { get; }

    /// <summary>Cancelled when the attempt times out or the run is aborted.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Makes <paramref name="execution"/> current on this flow until the scope is disposed.</summary>
    public static Scope Enter(TaskExecution execution)
    {
        var previous = CurrentExecution.Value;
        CurrentExecution.Value = execution;
        return new Scope(previous);
    }

    /// <summary>Restores the previous execution when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly TaskExecution? _previous;

        internal Scope(TaskExecution? previous) => _previous = previous;

        /// <inheritdoc />
        public void Dispose() => CurrentExecution.Value = _previous;
    }
}
