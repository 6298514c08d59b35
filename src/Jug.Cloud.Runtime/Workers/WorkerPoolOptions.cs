namespace Jug.Cloud.Runtime.Workers;

/// <summary>Settings of a silo's worker slots.</summary>
public sealed record WorkerPoolOptions
{
    /// <summary>Worker slots: dedicated threads that each run one task at a time.</summary>
    public int Slots { get; init; } = Environment.ProcessorCount;

    /// <summary>The name recorded with failures and leases.</summary>
    public string WorkerName { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Most tasks asked for in one call to the dispatcher.</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>Tasks a slot may have queued locally beyond the one it runs.</summary>
    public int PrefetchPerSlot { get; init; } = 64;

    /// <summary>Most outcomes stored and reported in one group commit.</summary>
    public int MaxCommitBatch { get; init; } = 512;

    /// <summary>Approximate bytes of decoded results kept for dependents running here.</summary>
    public long ResultCacheBytes { get; init; } = 256L * 1024 * 1024;
}
