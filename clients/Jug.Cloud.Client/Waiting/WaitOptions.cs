namespace Jug.Cloud.Client;

/// <summary>How <see cref="GraphWaiter"/> waits.</summary>
public sealed record WaitOptions
{
    /// <summary>Jug's wait cycle: 12 seconds between checks of the store.</summary>
    public static readonly TimeSpan DefaultCycleTime = TimeSpan.FromSeconds(12);

    /// <summary>Time between two checks of the store.</summary>
    public TimeSpan CycleTime { get; init; } = DefaultCycleTime;

    /// <summary>Give up after this long; null waits for ever.</summary>
    public TimeSpan? Timeout { get; init; }
}
