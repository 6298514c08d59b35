using Jug.Cloud.Bench.Graphs;
using Jug.Cloud.Bench.Measurement;
using Jug.Cloud.Bench.Output;
using Jug.Cloud.Bench.Stores;
using Jug.Cloud.Client;

namespace Jug.Cloud.Bench.Scenarios;

/// <summary>
/// Scenario 5: the peak working set of the whole process while a fan-in of a million no-op tasks is
/// declared and run, divided by the task count. The memory store is used, so the stored results count
/// too; the process's baseline (runtime, Orleans) is not subtracted.
/// </summary>
internal sealed class MemoryPerTaskScenario : IBenchScenario
{
    public const int FullSize = 1_000_000;

    /// <summary>The key under which the finished million-task graph is kept for scenario 4b.</summary>
    public const string FinishedKey = "fan-in-1m";

    public string Number => "5";

    public string Id => "memory-1m";

    public string Title => "peak working set, 1M-task fan-in";

    public Target Target { get; } = Target.AtMost(1.5 * 1024, Unit.BytesPerTask);

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        // An earlier round's finished million-task graph would count against this one.
        await context.ForgetAsync(FinishedKey);
        var leaves = context.Settings.Scale(FullSize, 100);
        var store = BenchStores.Memory();
        ExecutionSummary summary;
        Measurement.Measurement measured;
        long before;
        using (var meter = ResourceMeter.Start())
        {
            before = Environment.WorkingSet;
            var graph = BenchGraphs.FanIn(leaves);
            summary = await JugEngine.ExecuteAsync(graph, store.Store, context.Execute, cancellationToken: cancellationToken);
            measured = meter.Stop();
        }

        EngineRuns.CheckAllRan(summary, leaves + 1, Id);
        var tasks = leaves + 1;
        await context.KeepAsync(FinishedKey, new FinishedGraph(store, tasks, () => BenchGraphs.FanIn(leaves)));
        return new ScenarioResult
        {
            Value = (double)measured.PeakWorkingSet / tasks,
            Measurement = measured,
            Count = tasks,
            ExpectedStored = tasks,
            Stored = await store.CountResultsAsync(cancellationToken),
            Notes = $"peak {Units.Bytes(measured.PeakWorkingSet)}, {Units.Bytes(before)} before the graph was declared " +
                $"({Units.Bytes((double)(measured.PeakWorkingSet - before) / tasks)}/task above it)",
        };
    }

    /// <summary>Runs the million-task fan-in unmeasured, for the status scenario when this one did not run.</summary>
    public static async Task<FinishedGraph> PrepareAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var leaves = context.Settings.Scale(FullSize, 100);
        var store = BenchStores.Memory();
        await EngineRuns.FinishAsync(BenchGraphs.FanIn(leaves), store, context, cancellationToken);
        var finished = new FinishedGraph(store, leaves + 1, () => BenchGraphs.FanIn(leaves));
        await context.KeepAsync(FinishedKey, finished);
        return finished;
    }
}
