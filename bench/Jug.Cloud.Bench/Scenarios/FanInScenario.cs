using System.Diagnostics;
using Jug.Cloud.Bench.Graphs;
using Jug.Cloud.Bench.Measurement;
using Jug.Cloud.Bench.Output;
using Jug.Cloud.Bench.Stores;
using Jug.Cloud.Client;

namespace Jug.Cloud.Bench.Scenarios;

/// <summary>
/// Scenarios 1 and 2: 100,000 no-op tasks and one aggregate, declared and run on a clean store —
/// graph build, existence checks, engine start and the run, as <c>jugcloud execute</c> does them after
/// loading a jugfile. The durable variant leaves its finished jugdir for the re-run and status scenarios.
/// </summary>
internal sealed class FanInScenario(bool durable) : IBenchScenario
{
    public const int FullSize = 100_000;

    /// <summary>The key under which the durable fan-in's finished jugdir is kept.</summary>
    public const string FinishedKey = "fan-in-durable";

    public string Number => durable ? "2" : "1";

    public string Id => durable ? "fan-in-file" : "fan-in-memory";

    public string Title => durable
        ? "fan-in 100k, durable file store"
        : "fan-in 100k, memory store";

    public Target Target { get; } = Target.AtLeast(durable ? 20_000 : 50_000, Unit.TasksPerSecond);

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var leaves = context.Settings.Scale(FullSize, 10);
        if (context.Settings.Warmup)
        {
            await using var warm = Open(context);
            await EngineRuns.FinishAsync(BenchGraphs.FanIn(Math.Min(leaves, 5_000)), warm, context, cancellationToken);
            await JitSettle.WaitAsync(cancellationToken);
        }

        var store = Open(context);
        try
        {
            var (result, graphBuild, run) = await MeasureAsync(store, leaves, context, cancellationToken);
            if (durable)
            {
                await context.KeepAsync(FinishedKey, new FinishedGraph(store, leaves + 1, () => BenchGraphs.FanIn(leaves)));
                store = null;
            }

            return result with
            {
                Notes = $"graph build {Units.Duration(graphBuild)}, execute {Units.Duration(run)}" + (durable ? DiskNote(context) : ""),
            };
        }
        finally
        {
            if (store is not null)
            {
                await store.DisposeAsync();
            }
        }
    }

    /// <summary>Runs the fan-in on <paramref name="store"/> unmeasured, for scenarios that start from its finished jugdir.</summary>
    public static async Task<FinishedGraph> PrepareAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var leaves = context.Settings.Scale(FullSize, 10);
        var store = context.Stores.Durable("fan-in-file");
        await EngineRuns.FinishAsync(BenchGraphs.FanIn(leaves), store, context, cancellationToken);
        var finished = new FinishedGraph(store, leaves + 1, () => BenchGraphs.FanIn(leaves));
        await context.KeepAsync(FinishedKey, finished);
        return finished;
    }

    private async Task<(ScenarioResult Result, TimeSpan Build, TimeSpan Run)> MeasureAsync(
        BenchStore store, int leaves, BenchContext context, CancellationToken cancellationToken)
    {
        ExecutionSummary summary;
        TimeSpan build;
        Measurement.Measurement measured;
        using (var meter = ResourceMeter.Start())
        {
            var graph = BenchGraphs.FanIn(leaves);
            build = meter.Elapsed;
            summary = await JugEngine.ExecuteAsync(graph, store.Store, context.Execute, cancellationToken: cancellationToken);
            measured = meter.Stop();
        }

        EngineRuns.CheckAllRan(summary, leaves + 1, Id);
        var result = new ScenarioResult
        {
            Value = (leaves + 1) / measured.Wall.TotalSeconds,
            Measurement = measured,
            Count = leaves + 1,
            ExpectedStored = leaves + 1,
            Stored = await store.CountResultsAsync(cancellationToken),
        };
        return (result, build, measured.Wall - build);
    }

    /// <summary>What bounds a file jugdir here: every result (and every claim) is a new file.</summary>
    private static string DiskNote(BenchContext context)
    {
        if (context.Settings.Store is not null && !Directory.Exists(context.Settings.Store))
        {
            return $"; store {context.Stores.DurableDescription}";
        }

        var directory = context.Settings.Store ?? context.TemporaryRoot;
        return $"; {context.Stores.DurableDescription}: this file system creates " +
            $"{Units.Number(DiskProbe.CreatesPerSecond(directory))} files/s, fsync of a small file {Units.Duration(DiskProbe.FsyncLatency(directory))}";
    }

    private BenchStore Open(BenchContext context) => durable ? context.Stores.Durable(Id) : BenchStores.Memory();
}
