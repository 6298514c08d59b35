using Jug.Cloud.Bench.Graphs;
using Jug.Cloud.Bench.Measurement;
using Jug.Cloud.Bench.Output;
using Jug.Cloud.Bench.Stores;
using Jug.Cloud.Client;

namespace Jug.Cloud.Bench.Scenarios;

/// <summary>
/// Scenario 6: a chain of 2,000 no-op tasks, each needing the one before, on a started engine with the
/// memory store. Nothing runs in parallel, so the rate is one over the latency of a link: store the
/// result, report it, mark the dependent ready, hand it to a slot.
/// </summary>
internal sealed class ChainScenario : IBenchScenario
{
    public string Number => "6";

    public string Id => "chain";

    public string Title => "chain of 2,000 dependent tasks";

    public Target Target { get; } = Target.AtLeast(5_000, Unit.LinksPerSecond);

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var links = context.Settings.Scale(2_000, 10);
        await using var store = BenchStores.Memory();
        await using var session = await WarmEngine.StartAsync(store, context.Execute, cancellationToken);
        if (context.Settings.Warmup)
        {
            var warm = BenchGraphs.Chain(Math.Min(links, 200));
            EngineRuns.CheckAllRan(await session.RunAsync(warm, warm.Tasks, cancellationToken: cancellationToken), warm.Count, "warm-up");
            await JitSettle.WaitAsync(cancellationToken);
        }

        // A different first link than the warm-up's, so no link is already stored.
        ExecutionSummary summary;
        Measurement.Measurement measured;
        using (var meter = ResourceMeter.Start())
        {
            var graph = BenchGraphs.Chain(links, first: 1_000_000);
            summary = await session.RunAsync(graph, graph.Tasks, cancellationToken: cancellationToken);
            measured = meter.Stop();
        }

        EngineRuns.CheckAllRan(summary, links, Id);
        var expected = links + 1 + (context.Settings.Warmup ? Math.Min(links, 200) : 0);
        return new ScenarioResult
        {
            Value = links / measured.Wall.TotalSeconds,
            Measurement = measured,
            Count = links,
            ExpectedStored = expected,
            Stored = await store.CountResultsAsync(cancellationToken),
            Notes = $"{(measured.Wall.TotalMicroseconds / links):0} µs per link; engine started before timing",
        };
    }
}
