using Jug.Cloud.Bench.Graphs;
using Jug.Cloud.Bench.Measurement;
using Jug.Cloud.Bench.Output;
using Jug.Cloud.Client;

namespace Jug.Cloud.Bench.Scenarios;

/// <summary>
/// Scenario 8: 20 tasks each return a 50 MB <c>double[]</c>, and 20 dependents read them back, on the
/// durable store with no results kept in memory (<c>--aggressive-unload</c>), so every read goes to the
/// store. The value is the result bytes per second of the whole run against the disk's sequential write
/// throughput, measured just before in the same directory (a large file written and fsynced).
/// </summary>
internal sealed class LargeResultsScenario : IBenchScenario
{
    public string Number => "8";

    public string Id => "large-results";

    public string Title => "20 × 50 MB results, vs disk write";

    public Target Target { get; } = Target.AtLeast(0.70, Unit.Percent);

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var results = context.Settings.Scale(20, 2);
        var length = context.Settings.Scale(50_000_000 / sizeof(double), 1_024);
        var bytes = (long)results * length * sizeof(double);
        await using var store = context.Stores.Durable(Id);
        var options = context.Execute with { AggressiveUnload = true };
        await using var session = await WarmEngine.StartAsync(store, options, cancellationToken);
        var probeDirectory = store.FileRoot ?? context.TemporaryRoot;
        var disk = DiskProbe.SequentialWrite(probeDirectory, Math.Max(bytes, 16L << 20));

        ExecutionSummary summary;
        Measurement.Measurement measured;
        using (var meter = ResourceMeter.Start())
        {
            var graph = BenchGraphs.LargeResults(results, length);
            summary = await session.RunAsync(graph, graph.Tasks, cancellationToken: cancellationToken);
            measured = meter.Stop();
        }

        EngineRuns.CheckAllRan(summary, results * 2, Id);
        var throughput = bytes / measured.Wall.TotalSeconds;
        return new ScenarioResult
        {
            Value = throughput / disk,
            Measurement = measured,
            Count = results * 2,
            ExpectedStored = (results * 2) + 1,
            Stored = await store.CountResultsAsync(cancellationToken),
            Judged = store.FileRoot is not null,
            Notes = $"{Units.Bytes(bytes)} of results in {Units.Duration(measured.Wall)}: {Units.Bytes(throughput)}/s; " +
                $"disk sequential write + fsync {Units.Bytes(disk)}/s; CPU {Units.Duration(measured.Cpu)}, " +
                $"{Units.Duration(measured.KernelCpu)} of it in the kernel" +
                (store.FileRoot is null ? " (local disk; the store is not a file jugdir, so no verdict)" : ""),
        };
    }
}
