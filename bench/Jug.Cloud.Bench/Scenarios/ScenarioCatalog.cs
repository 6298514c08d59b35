namespace Jug.Cloud.Bench.Scenarios;

/// <summary>Every scenario, in the order they run: each finished graph is made before the scenarios that read it.</summary>
internal static class ScenarioCatalog
{
    public static IReadOnlyList<IBenchScenario> All { get; } =
    [
        new FanInScenario(durable: false),
        new FanInScenario(durable: true),
        new RerunScenario(),
        new StatusScenario(million: false),
        new MemoryPerTaskScenario(),
        new StatusScenario(million: true),
        new ChainScenario(),
        new CpuBoundScenario(),
        new LargeResultsScenario(),
        new ClusterScenario(),
        new HashingScenario(),
        new EditLoopScenario(EditLoopStep.EditThenStatus),
        new EditLoopScenario(EditLoopStep.OneNewTask),
        new EditLoopScenario(EditLoopStep.FinishedStatus),
        new FreshCloneScenario(),
        new RedisSpanScenario(),
    ];

    /// <summary>
    /// The scenarios <paramref name="selectors"/> name — by number ("4" selects 4a and 4b), id or
    /// "all" — in running order; all of them when none is given, except those that run only when named.
    /// </summary>
    /// <exception cref="ArgumentException">A selector names no scenario.</exception>
    public static IReadOnlyList<IBenchScenario> Select(IReadOnlyCollection<string> selectors)
    {
        if (selectors.Count == 0 || selectors.Contains("all", StringComparer.OrdinalIgnoreCase))
        {
            return [.. All.Where(s => !s.OnRequestOnly)];
        }

        foreach (var selector in selectors)
        {
            if (!All.Any(s => Matches(s, selector)))
            {
                var known = string.Join(", ", All.Select(s => $"{s.Number} ({s.Id})"));
                throw new ArgumentException($"No scenario '{selector}'. Scenarios: {known}, or all.");
            }
        }

        return [.. All.Where(s => selectors.Any(selector => Matches(s, selector)))];
    }

    /// <summary>Table order: by number, then letter.</summary>
    public static int DisplayOrder(IBenchScenario scenario)
    {
        var digits = new string([.. scenario.Number.TakeWhile(char.IsDigit)]);
        var letter = scenario.Number.Length > digits.Length ? scenario.Number[digits.Length] - 'a' + 1 : 0;
        return (int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) * 100) + letter;
    }

    private static bool Matches(IBenchScenario scenario, string selector) =>
        string.Equals(scenario.Id, selector, StringComparison.OrdinalIgnoreCase)
        || string.Equals(scenario.Number, selector, StringComparison.OrdinalIgnoreCase)
        || (selector.All(char.IsDigit) && scenario.Number.TrimEnd('a', 'b', 'c') == selector);
}
