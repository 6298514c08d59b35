using Jug.Cloud.Runtime.Monitoring;

namespace Jug.Cloud.Telemetry;

/// <summary>What <c>AddJugCloudMetrics</c> samples and how the desired-silos figure is sized.</summary>
public sealed class JugCloudMetricsOptions
{
    /// <summary>How often the cluster's runs, queues and silos are read from the monitoring view (default 5 s).</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Measure the latency and errors of the host's stores (opened by name or by a run) by provider (default true).</summary>
    public bool MeasureStores { get; set; } = true;

    /// <summary>How long the queued and running work should take on the desired silos (default 60 s).</summary>
    public TimeSpan TargetDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The run time assumed for a task whose name has no finished task yet (default 0.5 s).</summary>
    public TimeSpan UnknownTaskDuration { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Slots per silo for sizing; null: this silo's slots, or the processor count where no workers run here.</summary>
    public int? SlotsPerSilo { get; set; }

    /// <summary>The fewest silos desired (0 or 1; default 0).</summary>
    public int MinSilos { get; set; }

    /// <summary>The most silos desired (default 100).</summary>
    public int MaxSilos { get; set; } = 100;

    internal FleetSizerOptions Fleet(int? localSlots) => new()
    {
        TargetDuration = TargetDuration,
        UnknownTaskDuration = UnknownTaskDuration,
        SlotsPerSilo = SlotsPerSilo ?? localSlots ?? Environment.ProcessorCount,
        MinSilos = MinSilos,
        MaxSilos = MaxSilos,
    };
}
