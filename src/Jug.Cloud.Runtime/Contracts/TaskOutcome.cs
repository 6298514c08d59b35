namespace Jug.Cloud.Runtime.Contracts;

/// <summary>What happened to one task a worker ran.</summary>
/// <param name="Hash">The task.</param>
/// <param name="Succeeded">True if its result is now in the store.</param>
/// <param name="Error">For a failure: exception type and message.</param>
/// <param name="Seconds">Time the method took.</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.TaskOutcome")]
public readonly record struct TaskOutcome(
    [property: Id(0)] TaskHash Hash,
    [property: Id(1)] bool Succeeded,
    [property: Id(2)] string? Error,
    [property: Id(3)] double Seconds);
