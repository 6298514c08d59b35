namespace Jug.Cloud.Runtime.Contracts;

/// <summary>Settings of one run, given to its dispatcher before tasks are submitted.</summary>
/// <param name="ShardCount">How many shard grains hold the run's task state.</param>
/// <param name="KeepGoing">Keep handing out tasks after a failure.</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.RunSettings")]
public sealed record RunSettings(
    [property: Id(0)] int ShardCount,
    [property: Id(1)] bool KeepGoing);
