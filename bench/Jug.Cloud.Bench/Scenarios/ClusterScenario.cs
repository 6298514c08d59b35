using Jug.Cloud.Bench.Output;

namespace Jug.Cloud.Bench.Scenarios;

/// <summary>
/// Scenario 9: three silos on loopback with Redis clustering and the Redis store, 100,000 no-op tasks.
/// This build has no cluster mode (<c>jugcloud silo</c> and <c>submit</c>), so the scenario reports
/// itself as not available; once cluster mode exists, this class starts the silos and submits the graph.
/// </summary>
internal sealed class ClusterScenario : IBenchScenario
{
    public string Number => "9";

    public string Id => "cluster";

    public string Title => "cluster: 3 silos + Redis, 100k tasks";

    public Target Target { get; } = Target.AtLeast(10_000, Unit.TasksPerSecond);

    public Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken) =>
        Task.FromResult(ScenarioResult.NotAvailable(
            "not available: this build has no cluster mode (jugcloud silo / submit); " +
            "targets ≥ 10,000 tasks/s and a median ready→start of ≤ 2 ms"));
}
