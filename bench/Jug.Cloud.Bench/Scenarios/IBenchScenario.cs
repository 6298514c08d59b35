namespace Jug.Cloud.Bench.Scenarios;

/// <summary>
/// One benchmark scenario: it builds its graph (or data), runs it from a clean store and measures one
/// value against its target. Adding a scenario is one class and one line in <see cref="ScenarioCatalog"/>.
/// </summary>
internal interface IBenchScenario
{
    /// <summary>The scenario's number in the performance targets ("1", "4a").</summary>
    string Number { get; }

    /// <summary>A short name to select it on the command line.</summary>
    string Id { get; }

    /// <summary>What it measures, for the table.</summary>
    string Title { get; }

    Target Target { get; }

    /// <summary>True for a scenario that runs only when named, never as part of "all".</summary>
    bool OnRequestOnly => false;

    /// <summary>Runs one round.</summary>
    Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken);
}
