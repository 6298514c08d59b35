namespace Jug.Cloud.Runtime.Contracts;

/// <summary>Where a task of a cluster run should run.</summary>
/// <param name="Hash">The task.</param>
/// <param name="Tag">The silo tag.</param>
/// <param name="Required">Only on such a silo (else: there while one is free, then anywhere).</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.PlacementHint")]
public sealed record PlacementHint(
    [property: Id(0)] TaskHash Hash,
    [property: Id(1)] string Tag,
    [property: Id(2)] bool Required);
