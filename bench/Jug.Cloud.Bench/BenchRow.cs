using Jug.Cloud.Bench.Scenarios;

namespace Jug.Cloud.Bench;

/// <summary>One line of the report: a scenario and the round reported for it.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Result">The round with the median measured value.</param>
/// <param name="Rounds">How many rounds ran.</param>
internal sealed record BenchRow(IBenchScenario Scenario, ScenarioResult Result, int Rounds)
{
    /// <summary>Pass, short or not judged (null).</summary>
    public bool? Passed => Result.Unavailable is null && Result.Judged ? Scenario.Target.IsMet(Result.Value) : null;

    /// <summary>Tasks per second over the measured region, where the scenario runs tasks.</summary>
    public double? TasksPerSecond =>
        Result is { CountsTasks: true, Measurement: { } m } && m.Wall > TimeSpan.Zero ? Result.Count / m.Wall.TotalSeconds : null;
}
