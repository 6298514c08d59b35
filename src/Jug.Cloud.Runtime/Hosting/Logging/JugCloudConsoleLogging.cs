using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Jug.Cloud.Runtime.Hosting.Logging;

/// <summary>The console logging of a silo or an embedded engine: one line per event, Orleans' noise left out.</summary>
public static class JugCloudConsoleLogging
{
    /// <summary>
    /// Replaces <paramref name="logging"/>'s providers with the console through
    /// <see cref="OneLineConsoleFormatter"/>; Orleans, Polly and Microsoft categories only from
    /// <paramref name="frameworkLevel"/> up.
    /// </summary>
    /// <param name="logging">The host's logging.</param>
    /// <param name="minimumLevel">Events below this are dropped.</param>
    /// <param name="frameworkLevel">Events of the frameworks' categories below this are dropped.</param>
    /// <param name="stackTraces">Print exceptions with their stack traces (<c>--verbose</c>).</param>
    /// <param name="timestampFormat">How each line's time is written; none if null.</param>
    public static ILoggingBuilder AddJugCloudConsole(this ILoggingBuilder logging, LogLevel minimumLevel, LogLevel frameworkLevel, bool stackTraces, string? timestampFormat = "HH:mm:ss ")
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.SetMinimumLevel(minimumLevel);
        logging.AddConsole(o => o.FormatterName = OneLineConsoleFormatter.FormatterName);
        logging.AddConsoleFormatter<OneLineConsoleFormatter, OneLineConsoleFormatterOptions>(o =>
        {
            o.StackTraces = stackTraces;
            o.TimestampFormat = timestampFormat;
        });
        logging.AddFilter("Orleans", frameworkLevel);
        logging.AddFilter("Polly", frameworkLevel);
        logging.AddFilter("Microsoft", frameworkLevel);
        logging.AddFilter(LogNoise.WatchdogCategory, LogLevel.None);
        return logging;
    }
}
