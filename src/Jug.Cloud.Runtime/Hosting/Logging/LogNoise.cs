namespace Jug.Cloud.Runtime.Hosting.Logging;

/// <summary>
/// Orleans events that say nothing a Jug.Cloud user can act on, left out of the console. The ServerGC
/// notes come on every silo start (a worker runs with workstation GC on purpose: it shares small
/// machines with its tasks), and the watchdog's "participant check" warning reports the time since
/// the machine booted on its first check, not a stall.
/// </summary>
public static class LogNoise
{
    /// <summary>The Orleans watchdog's category, filtered out whole.</summary>
    public const string WatchdogCategory = "Orleans.Runtime.Watchdog";

    private const string SiloCategory = "Orleans.Runtime.Silo";

    private const string LifecycleCategory = "Orleans.Runtime.SiloLifecycleSubject";

    /// <summary>True if the event is one of the notes this class describes.</summary>
    public static bool IsNoise(string category, string message) =>
        category.Equals(WatchdogCategory, StringComparison.Ordinal)
        || (category.Equals(SiloCategory, StringComparison.Ordinal) && message.Contains("ServerGC", StringComparison.Ordinal))
        || (category.Equals(LifecycleCategory, StringComparison.Ordinal) && IsStageTiming(message));

    private static bool IsStageTiming(string message) =>
        (message.Contains("' stopped in stage '", StringComparison.Ordinal) || message.Contains("' started in stage '", StringComparison.Ordinal))
        && !message.Contains("fail", StringComparison.OrdinalIgnoreCase);
}
