using Jug.Cloud.Bench.Measurement;
using Jug.Cloud.Bench.Output;
using Jug.Cloud.Client;

namespace Jug.Cloud.Bench.Scenarios;

/// <summary>
/// Scenario 4: <c>status</c> of a finished graph — the graph build and <see cref="GraphStatus"/> (batched
/// existence checks, claims, failures and the run log), as the command computes it after loading the
/// jugfile. 4a reads the durable jugdir of scenario 2; 4b the million-task graph of scenario 5.
/// </summary>
internal sealed class StatusScenario(bool million) : IBenchScenario
{
    public string Number => million ? "4b" : "4a";

    public string Id => million ? "status-1m" : "status";

    public string Title => million ? "status of the 1M-task graph of 5" : "status of the graph of 2";

    public Target Target { get; } = Target.AtMost(million ? 5.0 : 1.0, Unit.Seconds);

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var finished = million
            ? context.Finished(MemoryPerTaskScenario.FinishedKey) ?? await MemoryPerTaskScenario.PrepareAsync(context, cancellationToken)
            : context.Finished(FanInScenario.FinishedKey) ?? await FanInScenario.PrepareAsync(context, cancellationToken);
        if (context.Settings.Warmup)
        {
            await GraphStatus.ComputeAsync(finished.Build(), finished.Store.Store, cancellationToken);
        }

        StatusReport report;
        TimeSpan build;
        Measurement.Measurement measured;
        using (var meter = ResourceMeter.Start())
        {
            var graph = finished.Build();
            build = meter.Elapsed;
            report = await GraphStatus.ComputeAsync(graph, finished.Store.Store, cancellationToken);
            measured = meter.Stop();
        }

        if (!report.AllDone || report.Total.Total != finished.Tasks)
        {
            throw new InvalidOperationException($"{Id}: status found {report.Total.Done} of {report.Total.Total} tasks done, expected all {finished.Tasks}.");
        }

        return new ScenarioResult
        {
            Value = measured.Wall.TotalSeconds,
            Measurement = measured,
            Count = finished.Tasks,
            ExpectedStored = finished.Tasks,
            Stored = await finished.Store.CountResultsAsync(cancellationToken),
            Notes = $"graph build {Units.Duration(build)}, status {Units.Duration(measured.Wall - build)}; store {finished.Store.Location}",
        };
    }
}
