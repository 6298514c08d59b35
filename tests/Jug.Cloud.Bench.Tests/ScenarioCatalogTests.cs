using Jug.Cloud.Bench.Output;
using Jug.Cloud.Bench.Scenarios;

namespace Jug.Cloud.Bench.Tests;

[Trait("Category", "Unit")]
public sealed class ScenarioCatalogTests
{
    [Fact]
    public void A_number_selects_every_part_of_that_scenario_in_running_order()
    {
        var selected = ScenarioCatalog.Select(["4", "1"]);

        Assert.Equal(["1", "4a", "4b"], selected.Select(s => s.Number));
    }

    [Fact]
    public void Scenarios_are_selected_by_name_and_all_but_the_fresh_clone_and_redis_span_by_default()
    {
        Assert.Equal(["6"], ScenarioCatalog.Select(["chain"]).Select(s => s.Number));
        var everyDefault = ScenarioCatalog.All.Where(s => s.Id is not ("fresh-clone" or "redis-span")).ToList();
        Assert.Equal(everyDefault, ScenarioCatalog.Select([]));
        Assert.Equal(everyDefault, ScenarioCatalog.Select(["all"]));
        Assert.Equal(["12"], ScenarioCatalog.Select(["fresh-clone"]).Select(s => s.Number));
        Assert.Equal(["13"], ScenarioCatalog.Select(["redis-span"]).Select(s => s.Number));
        Assert.Equal(["11a", "11b", "11c"], ScenarioCatalog.Select(["11"]).Select(s => s.Number));
    }

    [Fact]
    public void The_fresh_clone_scenario_runs_the_first_command_of_the_readme()
    {
        var readme = Path.Combine(Path.GetTempPath(), $"readme-{Guid.NewGuid():n}.md");
        File.WriteAllText(readme, "# Title\n\n```csharp\nvar x = 1;\n```\n\n```bash\n# a comment\n\ndotnet run --project a -- execute b\nsecond command\n```\n");
        try
        {
            Assert.Equal("dotnet run --project a -- execute b", FreshCloneScenario.FirstCommand(readme));
        }
        finally
        {
            File.Delete(readme);
        }
    }

    [Fact]
    public void An_unknown_scenario_is_refused_with_the_list_of_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => ScenarioCatalog.Select(["fan-out"]));

        Assert.Contains("fan-in-memory", error.Message);
    }

    [Fact]
    public void Every_scenario_has_a_distinct_number_and_name_and_the_table_orders_by_number()
    {
        var all = ScenarioCatalog.All;

        Assert.Equal(all.Count, all.Select(s => s.Number).Distinct().Count());
        Assert.Equal(all.Count, all.Select(s => s.Id).Distinct().Count());
        Assert.Equal(
            ["1", "2", "3", "4a", "4b", "5", "6", "7", "8", "9", "10", "11a", "11b", "11c", "12", "13"],
            all.OrderBy(ScenarioCatalog.DisplayOrder).Select(s => s.Number));
    }

    [Theory]
    [InlineData(true, 50_000, 60_000, true)]
    [InlineData(true, 50_000, 40_000, false)]
    [InlineData(false, 1.0, 0.5, true)]
    [InlineData(false, 1.0, 1.5, false)]
    public void A_target_is_met_on_its_side_of_the_bound(bool atLeast, double bound, double measured, bool met)
    {
        var target = atLeast ? Target.AtLeast(bound, Unit.Seconds) : Target.AtMost(bound, Unit.Seconds);

        Assert.Equal(met, target.IsMet(measured));
        Assert.Equal(!met, target.Shortfall(measured) > 0);
    }

    [Fact]
    public void The_markdown_report_has_a_row_per_scenario_and_says_why_one_is_not_available()
    {
        var rows = new[]
        {
            new BenchRow(new ClusterScenario(), ScenarioResult.NotAvailable("not available: no cluster"), 1),
            new BenchRow(new RerunScenario(), new ScenarioResult { Value = 0.5, Count = 10, Measurement = new(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(0.4), 1 << 20) }, 1),
        };
        using var writer = new StringWriter();

        ResultTable.WriteMarkdown(writer, rows, new BenchSettings(), "test machine");

        var text = writer.ToString();
        Assert.Contains("| 9 | cluster", text);
        Assert.Contains("| 3 | re-run the finished graph of 2 | 0.50 s | ≤ 1.00 s | pass |", text);
        Assert.Contains("not available: no cluster", text);
    }
}
