using System.Diagnostics;
using Jug.Cloud.Bench.Measurement;
using Jug.Cloud.Bench.Output;
using Jug.Cloud.Hashing;

namespace Jug.Cloud.Bench.Scenarios;

/// <summary>
/// Scenario 10: the canonical hash of a 100 MB <c>double[]</c> argument (what declaring a task with
/// such an argument costs). Hashed three times; the median time gives the rate.
/// </summary>
internal sealed class HashingScenario : IBenchScenario
{
    private const int Repetitions = 3;

    public string Number => "10";

    public string Id => "hash-100mb";

    public string Title => "hash a 100 MB double[]";

    public Target Target { get; } = Target.AtLeast(1.0, Unit.GigabytesPerSecond);

    public Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var length = context.Settings.Scale(100_000_000 / sizeof(double), 1 << 17);
        var values = new double[length];
        var random = new Random(42);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble();
        }

        if (context.Settings.Warmup)
        {
            CanonicalHash.OfValue(values);
        }

        var times = new TimeSpan[Repetitions];
        Measurement.Measurement measured;
        using (var meter = ResourceMeter.Start())
        {
            for (var i = 0; i < Repetitions; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = Stopwatch.GetTimestamp();
                CanonicalHash.OfValue(values);
                times[i] = Stopwatch.GetElapsedTime(start);
            }

            measured = meter.Stop();
        }

        Array.Sort(times);
        var bytes = (long)length * sizeof(double);
        var median = times[Repetitions / 2];
        return Task.FromResult(new ScenarioResult
        {
            Value = bytes / median.TotalSeconds / 1e9,
            Measurement = measured,
            Count = bytes,
            CountsTasks = false,
            Notes = $"{Units.Bytes(bytes)} hashed {Repetitions} times; median {Units.Duration(median)} (SHA-256 over the canonical form)",
        });
    }
}
