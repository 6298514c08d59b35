using Jug.Cloud.Storage;

namespace Jug.Cloud.Cluster.Hosting;

/// <summary>What a silo offers the cluster's runs (<c>AddJugCloudWorkers</c>); validated when the host starts.</summary>
public sealed class JugCloudWorkerOptions
{
    /// <summary>The silo's name: recorded with every task it runs, and how leases know it. Default: host:pid.</summary>
    public string Name { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Tasks it runs at once, across all runs; the processor count by default.</summary>
    public int Slots { get; set; } = Environment.ProcessorCount;

    /// <summary>Its tags, for tasks that prefer or require one.</summary>
    public IReadOnlyList<string> Tags { get; set; } = [];

    /// <summary>
    /// The name of the store (registered with <c>AddJugStore</c>) that runs naming no jugdir use,
    /// offered to the cluster if it has none yet. Give this or <see cref="Jugdir"/>.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>The same as <see cref="Store"/>, as a store URI. It may hold a password: it is never logged or shown as given.</summary>
    public string? Jugdir { get; set; }

    /// <summary>Approximate bytes of decoded results kept for tasks that take them.</summary>
    public long ResultCacheBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// When the silo drains (stops), how long its running tasks may take to finish and be stored before
    /// they are handed back to run elsewhere; 30 s by default. The host's shutdown timeout must be longer.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The settings, the jugdir without any password.</summary>
    public override string ToString() =>
        $"Name={Name}, Slots={Slots}, Tags=[{string.Join(",", Tags)}], Store={Store ?? "(none)"}, Jugdir={(Jugdir is null ? "(none)" : StoreLocation.RedactText(Jugdir))}, ResultCacheBytes={ResultCacheBytes}, DrainTimeout={DrainTimeout}";
}
