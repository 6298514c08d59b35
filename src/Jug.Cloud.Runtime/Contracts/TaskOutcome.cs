namespace Jug.Cloud.Runtime.Contracts;

/// <summary>What a worker reports about one task it was handed.</summary>
[GenerateSerializer]
[Alias("jug.OutcomeKind")]
public enum OutcomeKind
{
    /// <summary>It ran and its result is now in the store.</summary>
    Stored,

    /// <summary>It ran and threw (or timed out); <see cref="TaskOutcome.Attempt"/> says which attempt.</summary>
    Failed,

    /// <summary>Another process holds its claim; it did not run here.</summary>
    HeldElsewhere,

    /// <summary>Another process stored its result; it did not run here.</summary>
    DoneElsewhere,

    /// <summary>Another process failed it for good and keeps its claim (<c>--keep-failed</c>).</summary>
    FailedElsewhere,

    /// <summary>Handed back unstarted because the run is stopping.</summary>
    NotStarted,

    /// <summary>
    /// Not run: an input's stored result was missing or corrupt (a writer died mid-write on a store
    /// that shows partial objects) and was removed. A supervised run is submitted again, which runs
    /// the input's task first; elsewhere this counts as a failed attempt.
    /// </summary>
    InputMissing,
}

/// <summary>What happened to one task a worker was handed.</summary>
/// <param name="Hash">The task.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Error">For a failure: exception type and message.</param>
/// <param name="Seconds">Time the method took.</param>
/// <param name="Attempt">Which attempt this was (1 for the first).</param>
/// <param name="MaxAttempts">How many attempts the task may have.</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.TaskOutcome")]
public readonly record struct TaskOutcome(
    [property: Id(0)] TaskHash Hash,
    [property: Id(1)] OutcomeKind Kind,
    [property: Id(2)] string? Error,
    [property: Id(3)] double Seconds,
    [property: Id(4)] int Attempt = 1,
    [property: Id(5)] int MaxAttempts = 1)
{
    /// <summary>The size of the stored result (0 unless stored here): large ones draw their dependents to this worker.</summary>
    [Id(6)]
    public long Bytes { get; init; }

    /// <summary>True if the task's result is in the store now.</summary>
    public bool Succeeded => Kind is OutcomeKind.Stored or OutcomeKind.DoneElsewhere;
}
