using Jug.Cloud.Bench.Scenarios;

namespace Jug.Cloud.Bench.Tests;

/// <summary>
/// Keeps the benchmark runner working: every scenario runs in-process at a tiny size. Timings are
/// not asserted — a shared CI machine cannot promise them — only that each scenario ran its graph and
/// stored what it should.
/// </summary>
[Trait("Category", "Bench")]
public sealed class BenchRunnerTests
{
    [Fact]
    public async Task Every_scenario_runs_at_a_tiny_size_and_reports_a_row()
    {
        var settings = new BenchSettings { Size = 0.001, Jobs = 2, Warmup = false };

        var scenarios = ScenarioCatalog.Select([]);

        var rows = await BenchRunner.RunAsync(settings, scenarios);

        Assert.Equal(scenarios.Count, rows.Count);
        foreach (var row in rows)
        {
            var result = row.Result;
            if (row.Scenario is ClusterScenario && !RedisServerOnPath())
            {
                Assert.Contains("redis-server", result.Unavailable);
                continue;
            }

            Assert.Null(result.Unavailable);
            Assert.True(result.Count > 0, $"{row.Scenario.Id}: count {result.Count}");
            Assert.True(result.Value > 0, $"{row.Scenario.Id}: value {result.Value}");
            Assert.NotNull(result.Measurement);
            Assert.True(result.Measurement.Wall > TimeSpan.Zero, row.Scenario.Id);
            Assert.Equal(result.ExpectedStored, result.Stored);
            if (result.CountsTasks)
            {
                Assert.True(result.Stored >= result.Count, $"{row.Scenario.Id}: {result.Stored} stored for {result.Count} tasks");
            }
        }
    }

    private static bool RedisServerOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "redis-server")));

    [Fact]
    public async Task The_temporary_jugdirs_are_removed_afterwards()
    {
        var work = Directory.CreateTempSubdirectory("jugcloud-bench-test-");
        try
        {
            var settings = new BenchSettings { Size = 0.001, Warmup = false, WorkDirectory = work.FullName };

            var rows = await BenchRunner.RunAsync(settings, ScenarioCatalog.Select(["2", "3"]));

            Assert.Equal(["2", "3"], rows.Select(r => r.Scenario.Number));
            Assert.Empty(Directory.EnumerateFileSystemEntries(work.FullName));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
