namespace Jug.Cloud.Cluster.Contracts;

/// <summary>How a cluster run treats failures, timeouts and dead workers.</summary>
[GenerateSerializer]
[Immutable]
[Alias("jug.ClusterRunOptions")]
public sealed record ClusterRunOptions
{
    /// <summary>Keep running other tasks after one failed for good.</summary>
    [Id(0)]
    public bool KeepGoing { get; init; }

    /// <summary>Attempts of a task whose method does not say.</summary>
    [Id(1)]
    public int Attempts { get; init; } = 3;

    /// <summary>Wait before the second attempt; doubled for each later one.</summary>
    [Id(2)]
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one attempt of a task whose method does not say; null for none.</summary>
    [Id(3)]
    public TimeSpan? TaskTimeout { get; init; }

    /// <summary>A worker silent this long is taken for dead and its tasks run elsewhere.</summary>
    [Id(4)]
    public TimeSpan LeaseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Also claim each task in the store before running it, for a jugdir that <c>execute</c> processes
    /// outside the cluster share. Inside a cluster the dispatcher's leases already keep two silos from
    /// running a task at once, so this costs store operations per task for nothing else.
    /// </summary>
    [Id(6)]
    public bool StoreClaims { get; init; }

    /// <summary>How long a worker's claim on a task in the store lives unless renewed (with <see cref="StoreClaims"/>).</summary>
    [Id(5)]
    public TimeSpan ClaimTimeToLive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a task waits for a silo with its preferred tag, or for the silo caching its input, before any silo may run it.</summary>
    [Id(7)]
    public TimeSpan PreferPatience { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Run a task whose last input is large (1 MiB or more) on the silo that made it, which has it cached.</summary>
    [Id(8)]
    public bool InputLocality { get; init; } = true;
}
