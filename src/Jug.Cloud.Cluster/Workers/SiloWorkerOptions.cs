namespace Jug.Cloud.Cluster.Workers;

/// <summary>What a silo offers the cluster's runs.</summary>
public sealed record SiloWorkerOptions
{
    /// <summary>The silo's name: recorded with every task it runs, and how leases know it.</summary>
    public required string Name { get; init; }

    /// <summary>Tasks it runs at once, across all runs.</summary>
    public int Slots { get; init; } = Environment.ProcessorCount;

    /// <summary>Its tags, for tasks that prefer or require one.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The jugdir of runs that name none, offered to the cluster if it has none yet.</summary>
    public required string Jugdir { get; init; }

    /// <summary>Approximate bytes of decoded results kept for tasks that take them.</summary>
    public long ResultCacheBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>When the silo drains, how long running tasks may take to finish before they are handed back to run elsewhere.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
