using Jug.Cloud.Bench.Measurement;
using Jug.Cloud.Bench.Output;
using Jug.Cloud.Client;

namespace Jug.Cloud.Bench.Scenarios;

/// <summary>
/// Scenario 3: <c>execute</c> on the finished jugdir of scenario 2. Everything is stored, so the cost is
/// the graph build and one existence check per task; no engine starts.
/// </summary>
internal sealed class RerunScenario : IBenchScenario
{
    public string Number => "3";

    public string Id => "rerun";

    public string Title => "re-run the finished graph of 2";

    public Target Target { get; } = Target.AtMost(1.0, Unit.Seconds);

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var finished = context.Finished(FanInScenario.FinishedKey) ?? await FanInScenario.PrepareAsync(context, cancellationToken);
        if (context.Settings.Warmup)
        {
            await JugEngine.ExecuteAsync(finished.Build(), finished.Store.Store, context.Execute, cancellationToken: cancellationToken);
        }

        ExecutionSummary summary;
        TimeSpan build;
        Measurement.Measurement measured;
        using (var meter = ResourceMeter.Start())
        {
            var graph = finished.Build();
            build = meter.Elapsed;
            summary = await JugEngine.ExecuteAsync(graph, finished.Store.Store, context.Execute, cancellationToken: cancellationToken);
            measured = meter.Stop();
        }

        if (summary.Executed != 0 || summary.AlreadyDone != finished.Tasks)
        {
            throw new InvalidOperationException($"{Id}: expected all {finished.Tasks} tasks done, but {summary.Executed} ran and {summary.AlreadyDone} were done.");
        }

        var checks = measured.Wall - build;
        return new ScenarioResult
        {
            Value = measured.Wall.TotalSeconds,
            Measurement = measured,
            Count = finished.Tasks,
            ExpectedStored = finished.Tasks,
            Stored = await finished.Store.CountResultsAsync(cancellationToken),
            Notes = $"graph build {Units.Duration(build)}, existence checks {Units.Duration(checks)} " +
                $"({(checks.TotalMicroseconds / finished.Tasks):0.0} µs per task)",
        };
    }
}
