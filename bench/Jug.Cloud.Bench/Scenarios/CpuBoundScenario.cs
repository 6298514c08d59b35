using Jug.Cloud.Bench.Graphs;
using Jug.Cloud.Bench.Measurement;
using Jug.Cloud.Bench.Output;
using Jug.Cloud.Bench.Stores;
using Jug.Cloud.Client;

namespace Jug.Cloud.Bench.Scenarios;

/// <summary>
/// Scenario 7: 200 tasks that each keep a processor busy for 20 ms of CPU time, on a started engine.
/// The value is the wall time over the ideal (the tasks' total CPU time spread over the slots): 1.0
/// means the slots never waited for the scheduler. Time the machine gave to other processes counts
/// against it; the notes show the same ratio against the tasks' elapsed time, which does not.
/// </summary>
internal sealed class CpuBoundScenario : IBenchScenario
{
    private const double TaskMilliseconds = 20;

    /// <summary>Warm-up tasks: enough that the per-task code paths get hot and recompiled before timing.</summary>
    private const int WarmTasks = 100;

    public string Number => "7";

    public string Id => "cpu-bound";

    public string Title => "200 × 20 ms CPU tasks: wall / ideal";

    public Target Target { get; } = Target.AtMost(1.1, Unit.Ratio);

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var tasks = context.Settings.Scale(200, 4);
        var slots = context.Settings.Jobs;
        await using var store = BenchStores.Memory();
        await using var session = await WarmEngine.StartAsync(store, context.Execute, cancellationToken);
        if (context.Settings.Warmup)
        {
            // Other seeds than the measured graph's, so nothing measured is stored already.
            var warm = BenchGraphs.CpuBound(WarmTasks, 0.05, firstSeed: -1_000);
            EngineRuns.CheckAllRan(await session.RunAsync(warm, warm.Tasks, cancellationToken: cancellationToken), warm.Count, "warm-up");
            await JitSettle.WaitAsync(cancellationToken);
        }

        BenchTasks.ResetSpinTotals();
        ExecutionSummary summary;
        Measurement.Measurement measured;
        using (var meter = ResourceMeter.Start())
        {
            var graph = BenchGraphs.CpuBound(tasks, TaskMilliseconds);
            summary = await session.RunAsync(graph, graph.Tasks, cancellationToken: cancellationToken);
            measured = meter.Stop();
        }

        EngineRuns.CheckAllRan(summary, tasks, Id);
        var ideal = BenchTasks.SpinCpu / slots;
        var busy = BenchTasks.SpinWall / slots;
        var clock = ThreadCpuTime.IsThreadClock ? "thread CPU clock" : "no thread CPU clock here: elapsed time";
        return new ScenarioResult
        {
            Value = measured.Wall / ideal,
            Measurement = measured,
            Count = tasks,
            ExpectedStored = tasks + 1 + (context.Settings.Warmup ? WarmTasks : 0),
            Stored = await store.CountResultsAsync(cancellationToken),
            Notes = $"task CPU {Units.Duration(BenchTasks.SpinCpu)} ({clock}), ideal {Units.Duration(ideal)}; " +
                $"wall / (task elapsed / slots) = {measured.Wall / busy:0.00}; engine started before timing",
        };
    }
}
