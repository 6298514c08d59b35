namespace Jug.Cloud.Runtime.Contracts;

/// <summary>One task handed to its shard: identity, name and the dependencies not yet done.</summary>
/// <param name="Hash">The task.</param>
/// <param name="Name">Its name, for status and failure reports.</param>
/// <param name="PendingDependencies">How many distinct dependencies must finish before it is ready.</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.TaskSubmission")]
public sealed record TaskSubmission(
    [property: Id(0)] TaskHash Hash,
    [property: Id(1)] string Name,
    [property: Id(2)] int PendingDependencies);
