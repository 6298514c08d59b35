namespace Jug.Cloud.Runtime.Contracts;

/// <summary>A dependency edge: <paramref name="Dependent"/> takes the result of <paramref name="Dependency"/>.</summary>
/// <param name="Dependency">The task that must finish first.</param>
/// <param name="Dependent">The task that waits for it.</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.Edge")]
public readonly record struct Edge(
    [property: Id(0)] TaskHash Dependency,
    [property: Id(1)] TaskHash Dependent);
