using Jug.Cloud.Runtime.Monitoring;

namespace Jug.Cloud.Autoscaling;

/// <summary>The autoscaler's bounds, target and pace.</summary>
public sealed record ScalingPolicyOptions
{
    /// <summary>The fewest silos, with no work at all.</summary>
    public int MinSilos { get; init; }

    /// <summary>The most silos ever.</summary>
    public int MaxSilos { get; init; } = 10;

    /// <summary>Slots on each silo the fleet gets.</summary>
    public int SlotsPerSilo { get; init; } = Environment.ProcessorCount;

    /// <summary>How long the queued and running work should take on the desired fleet (Dask's adaptive target).</summary>
    public TimeSpan TargetDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The run time assumed for a task name none of whose tasks finished yet.</summary>
    public TimeSpan UnknownTaskDuration { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>How long a lower recommendation must hold before the fleet shrinks (Ray's idle timeout, Dask's wait count).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Ray's upscaling speed: one step adds at most max(5, speed × current silos), so a fleet grows
    /// at most geometrically and a wrong estimate cannot start hundreds of machines at once.
    /// </summary>
    public double UpscalingSpeed { get; init; } = 1.0;

    /// <summary>
    /// The tags every silo of the fleet has (the local provider passes them to its silos as <c>--tags</c>;
    /// a command provider's machines are described by them). Ready tasks that require any other tag
    /// are left out of the work: no silo this autoscaler starts could ever run them.
    /// </summary>
    public IReadOnlySet<string> FleetTags { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The sizer these options describe.</summary>
    internal FleetSizer Sizer() => new(new FleetSizerOptions
    {
        MinSilos = MinSilos,
        MaxSilos = MaxSilos,
        SlotsPerSilo = SlotsPerSilo,
        TargetDuration = TargetDuration,
        UnknownTaskDuration = UnknownTaskDuration,
    });

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it as a command-line option.</exception>
    internal void Validate()
    {
        Require(MinSilos >= 0, "--min must be 0 or more.");
        Require(MaxSilos >= 1 && MaxSilos >= MinSilos, "--max must be at least 1 and at least --min.");
        Require(SlotsPerSilo >= 1, "--slots must be at least 1.");
        Require(TargetDuration > TimeSpan.Zero, "--target-duration must be positive.");
        Require(IdleTimeout >= TimeSpan.Zero, "--idle-timeout must not be negative.");
        Require(double.IsFinite(UpscalingSpeed) && UpscalingSpeed > 0, "--upscaling-speed must be a positive number.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
