using Jug.Cloud.Runtime.Grains;

namespace Jug.Cloud.Runtime.Monitoring;

/// <summary>
/// How many silos the cluster's work asks for, by Dask's adaptive target: the work queued and running
/// (each task weighed by its name's mean run time) spread over the silos' slots so that it would take
/// about <see cref="FleetSizerOptions.TargetDuration"/>, clamped to the configured bounds.
/// </summary>
public sealed class FleetSizer
{
    private readonly FleetSizerOptions _options;

    /// <summary>A sizer with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">A bound, the slots or a duration is out of range.</exception>
    public FleetSizer(FleetSizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.TargetDuration, TimeSpan.Zero, nameof(options.TargetDuration));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.UnknownTaskDuration, TimeSpan.Zero, nameof(options.UnknownTaskDuration));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SlotsPerSilo, 1, nameof(options.SlotsPerSilo));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MinSilos, nameof(options.MinSilos));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSilos, options.MinSilos, nameof(options.MaxSilos));
        _options = options;
    }

    /// <summary>
    /// The seconds of work queued and running in <paramref name="names"/>: each name's ready and
    /// running tasks times its mean run time, or <see cref="FleetSizerOptions.UnknownTaskDuration"/>
    /// for a name none of whose tasks finished yet.
    /// </summary>
    public double WorkSeconds(IEnumerable<NameCounts> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var seconds = 0.0;
        foreach (var name in names)
        {
            var mean = name.MeanRunTime ?? _options.UnknownTaskDuration;
            seconds += (long)(name.Ready + name.Running) * mean.TotalSeconds;
        }

        return seconds;
    }

    /// <summary>The silos for <paramref name="workSeconds"/> of work: ceil(work / target / slots per silo), within the bounds.</summary>
    public int DesiredSilos(double workSeconds)
    {
        if (double.IsNaN(workSeconds) || workSeconds <= 0)
        {
            return _options.MinSilos;
        }

        var silos = Math.Ceiling(workSeconds / _options.TargetDuration.TotalSeconds / _options.SlotsPerSilo);
        return (int)Math.Clamp(silos, _options.MinSilos, _options.MaxSilos);
    }

    /// <summary>The silos the queued and running work of every run in <paramref name="runs"/> asks for.</summary>
    public int DesiredSilos(IEnumerable<RunView> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return DesiredSilos(runs.Sum(r => WorkSeconds(r.Names)));
    }
}

/// <summary>What <see cref="FleetSizer"/> aims for and its bounds.</summary>
public sealed record FleetSizerOptions
{
    /// <summary>How long the queued and running work should take on the desired silos (Dask's default: 60 s).</summary>
    public TimeSpan TargetDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The run time assumed for a task whose name has no finished task yet (Dask's default: 0.5 s).</summary>
    public TimeSpan UnknownTaskDuration { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Slots on each silo.</summary>
    public int SlotsPerSilo { get; init; } = Environment.ProcessorCount;

    /// <summary>The fewest silos wanted, with no work at all (0 or 1).</summary>
    public int MinSilos { get; init; }

    /// <summary>The most silos ever wanted.</summary>
    public int MaxSilos { get; init; } = 100;
}
