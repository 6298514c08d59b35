namespace Jug.Cloud.Runtime.Contracts;

/// <summary>Settings of one run, given to its dispatcher before tasks are submitted.</summary>
/// <param name="ShardCount">How many shard grains hold the run's task state.</param>
/// <param name="KeepGoing">Keep handing out tasks after a task failed for good.</param>
/// <param name="RetryDelay">Wait before the second attempt of a failed task; doubled for each later one (at most a minute).</param>
/// <param name="Shuffle">Hand out ready tasks in random order, so processes sharing a jugdir rarely reach for the same task.</param>
/// <param name="LeaseTimeout">A worker not heard from for this long is taken for dead and its tasks are queued again (without counting an attempt); zero never expires leases (embedded runs, where the workers live in the dispatcher's process).</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.RunSettings")]
public sealed record RunSettings(
    [property: Id(0)] int ShardCount,
    [property: Id(1)] bool KeepGoing,
    [property: Id(2)] TimeSpan RetryDelay = default,
    [property: Id(3)] bool Shuffle = false,
    [property: Id(4)] TimeSpan LeaseTimeout = default)
{
    /// <summary>How long a task waits for a silo with the tag it prefers, or for the worker holding its input, before any worker may take it.</summary>
    [Id(5)]
    public TimeSpan PreferPatience { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Queue a task whose last input is large for the worker that stored it (Dask's rule).</summary>
    [Id(6)]
    public bool InputLocality { get; init; }
}
