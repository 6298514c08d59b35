using System.Diagnostics;
using System.Diagnostics.Metrics;
using Jug.Cloud.Diagnostics;

namespace Jug.Cloud.Telemetry.Stores;

/// <summary>
/// Store operation latency and errors by provider (the location's scheme, never its URI) and
/// operation. Nothing is timed while nobody listens: <see cref="Start"/> then returns 0.
/// </summary>
internal static class StoreMetrics
{
    private static readonly Histogram<double> Duration = JugCloudMeter.Meter.CreateHistogram(
        "jugcloud.store.duration",
        "s",
        "Store operation latency by provider and operation.",
        tags: null,
        advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        });

    private static readonly Counter<long> Errors = JugCloudMeter.Meter.CreateCounter<long>(
        "jugcloud.store.errors", "{error}", "Store operations that threw, by provider and operation.");

    /// <summary>A start timestamp, or 0 if no one listens.</summary>
    public static long Start() => Duration.Enabled || Errors.Enabled ? Stopwatch.GetTimestamp() : 0;

    public static ValueTask Measure(ValueTask operation, long start, string provider, string name)
    {
        if (start == 0)
        {
            return operation;
        }

        if (operation.IsCompletedSuccessfully)
        {
            Record(start, provider, name);
            return operation;
        }

        return Awaited(operation, start, provider, name);
    }

    public static ValueTask<T> Measure<T>(ValueTask<T> operation, long start, string provider, string name)
    {
        if (start == 0)
        {
            return operation;
        }

        if (operation.IsCompletedSuccessfully)
        {
            Record(start, provider, name);
            return operation;
        }

        return Awaited(operation, start, provider, name);
    }

    private static async ValueTask Awaited(ValueTask operation, long start, string provider, string name)
    {
        try
        {
            await operation.ConfigureAwait(false);
        }
        catch
        {
            Errors.Add(1, Tags(provider, name));
            throw;
        }
        finally
        {
            Record(start, provider, name);
        }
    }

    private static async ValueTask<T> Awaited<T>(ValueTask<T> operation, long start, string provider, string name)
    {
        try
        {
            return await operation.ConfigureAwait(false);
        }
        catch
        {
            Errors.Add(1, Tags(provider, name));
            throw;
        }
        finally
        {
            Record(start, provider, name);
        }
    }

    private static void Record(long start, string provider, string name) =>
        Duration.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, Tags(provider, name));

    private static TagList Tags(string provider, string name) => new()
    {
        { "provider", provider },
        { "operation", name },
    };
}
