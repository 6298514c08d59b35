using Jug.Cloud.Bench.Scenarios;

namespace Jug.Cloud.Bench;

/// <summary>Runs scenarios in order, each for the asked number of rounds, and reports the median round of each.</summary>
internal static class BenchRunner
{
    /// <summary>Runs <paramref name="scenarios"/>; the rows come back in table order.</summary>
    public static async Task<IReadOnlyList<BenchRow>> RunAsync(
        BenchSettings settings,
        IReadOnlyList<IBenchScenario> scenarios,
        Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        await using var context = new BenchContext(settings);
        var rows = new List<BenchRow>();
        foreach (var scenario in scenarios)
        {
            var rounds = new List<ScenarioResult>();
            for (var round = 1; round <= Math.Max(1, settings.Rounds); round++)
            {
                log?.Invoke($"{scenario.Number,-3} {scenario.Id}" + (settings.Rounds > 1 ? $" (round {round} of {settings.Rounds})" : ""));
                var result = await scenario.RunAsync(context, cancellationToken);
                rounds.Add(result);
                if (result.Unavailable is not null)
                {
                    break;
                }
            }

            rows.Add(new BenchRow(scenario, Median(rounds), rounds.Count));
        }

        return [.. rows.OrderBy(r => ScenarioCatalog.DisplayOrder(r.Scenario))];
    }

    private static ScenarioResult Median(List<ScenarioResult> rounds) =>
        rounds.OrderBy(r => r.Value).ElementAt(rounds.Count / 2);
}
