using System.Diagnostics;
using System.Text.RegularExpressions;
using Jug.Cloud.Cli.Tests.EndToEnd;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.S3;
using Jug.Cloud.Stores.Tests.Integration;

namespace Jug.Cloud.Cli.Tests.Cluster;

/// <summary>
/// <c>jugcloud silo</c> processes on loopback joined through a real Redis, results in s3rver, graphs
/// sent with <c>jugcloud submit</c>, as a user runs them.
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Cluster")]
public sealed partial class ClusterTests : IAsyncLifetime, IDisposable
{
    private readonly TestServices _services = new();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-cluster-");
    private readonly List<SiloProcess> _silos = [];
    private readonly string _prefix = Guid.NewGuid().ToString("n")[..12];

    private string Work => _work.FullName;

    /// <summary>A cluster of its own in the shared Redis, so tests never see each other's runs.</summary>
    private string Cluster => $"{_services.Redis}?cluster=test-{_prefix}";

    private string Jugdir => _services.S3.Replace("s3://jugcloud-test?", $"s3://jugcloud-test/{_prefix}?", StringComparison.Ordinal);

    public Task InitializeAsync() => _services.InitializeAsync();

    public async Task DisposeAsync()
    {
        // Silos leave before the services they use stop (a silo whose Redis is gone hangs on shutdown).
        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
        await _services.DisposeAsync();
    }

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Three_silos_finish_5000_tasks_when_one_is_killed_and_a_resubmission_runs_nothing()
    {
        Jugfiles.Write(Work, ClusterJugfiles.Squares);
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "status", "--short", "--jugdir", Jugdir)).ExitCode); // build once
        foreach (var name in new[] { "silo-a", "silo-b", "silo-c" })
        {
            _silos.Add(await SiloProcess.StartAsync(Work, Cluster, Jugdir, name));
        }

        var victim = _silos[2];
        var (submit, killedAt) = await SubmitKillingAsync(victim, atDone: 500);
        var logs = string.Join("\n", _silos.Select(s => $"--- {s.Name}\n{s.Log}"));
        Assert.True(submit.ExitCode == 0, $"{submit}\n{logs}");

        // The death may cost an epoch or a few while membership catches up (results the victim left
        // half-written cost one more between them, not one per result), or none: the tasks it held
        // come back marked as reissued and the survivors look in the store before running them.
        var lostEpochs = logs.Split('\n').Count(l => l.Contains("cannot finish", StringComparison.Ordinal));
        Assert.True(lostEpochs <= 8, $"{lostEpochs} epochs lost:\n{logs}");
        Assert.Contains("Executed 5001 tasks (0 already done, 0 failed)", submit.Output, StringComparison.Ordinal);
        Assert.InRange(killedAt, 500, 4999);

        // The survivors' logs say what happened in one line per event: no stack traces or pages of text.
        foreach (var survivor in _silos.Where(s => s != victim))
        {
            survivor.AssertLogIsQuiet();
        }

        // Every square was verified by the last task; each task's result is stored and none failed.
        var status = await CliRunner.RunAsync(Work, "status", "--short", "--jugdir", Jugdir);
        Assert.Contains("5001 tasks: 0 waiting, 0 ready, 0 running, 5001 done, 0 failed.", status.Output, StringComparison.Ordinal);
        await using var store = new StoreRegistry().AddS3Store().Open(Jugdir);
        var runs = await store.ListRunsAsync().ToListAsync();

        // The run log is history written after the results: a silo killed between the two leaves
        // stored results without records, never records without results.
        var succeeded = runs.Where(r => r.Succeeded).ToList();
        Assert.InRange(succeeded.Select(r => r.Key).Distinct().Count(), 4000, 5001);
        Assert.DoesNotContain(runs, r => !r.Succeeded);
        Assert.Empty(await store.ListFailuresAsync().ToListAsync());
        var workers = succeeded.Select(r => r.Worker).ToHashSet();
        Assert.Contains(victim.Name, workers); // it did work before it died
        Assert.True(workers.Count == 3, string.Join(", ", workers));

        var again = await CliRunner.RunAsync(Work, "submit", "--cluster", Cluster, "--jugdir", Jugdir, "--wait");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Nothing to do: all 5001 tasks are already done.", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Required_tags_run_only_on_tagged_silos_preferred_ones_there_while_free_and_a_missing_tag_is_reported()
    {
        Jugfiles.Write(Work, ClusterJugfiles.Placed);
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "status", "--short", "--jugdir", Jugdir)).ExitCode); // build once
        _silos.Add(await SiloProcess.StartAsync(Work, Cluster, Jugdir, "silo-gpu", "--tags", "gpu"));
        _silos.Add(await SiloProcess.StartAsync(Work, Cluster, Jugdir, "silo-plain"));

        var run = await CliRunner.RunAsync(Work, "submit", "--cluster", Cluster, "--jugdir", Jugdir, "--wait", "--prefer-patience", "60");
        Assert.True(run.ExitCode == 0, run.ToString());
        var ranOn = await WhereTasksRanAsync();
        Assert.All(ranOn.Where(r => r.Key.StartsWith("Steps.OnGpu", StringComparison.Ordinal)), r => Assert.Equal(["silo-gpu"], r.Value));
        Assert.All(ranOn.Where(r => r.Key.StartsWith("Steps.PreferGpu", StringComparison.Ordinal)), r => Assert.Equal(["silo-gpu"], r.Value));
        Assert.Equal(12, ranOn.Count(r => r.Key.StartsWith("Steps.OnGpu", StringComparison.Ordinal) || r.Key.StartsWith("Steps.PreferGpu", StringComparison.Ordinal)));
        Assert.Contains(ranOn, r => r.Key.StartsWith("Steps.Plain", StringComparison.Ordinal) && r.Value.Contains("silo-plain"));

        // A task that requires a tag no silo has waits, and status says why, until such a silo joins.
        var submitted = await CliRunner.RunAsync(Work, "submit", "--cluster", Cluster, "--jugdir", Jugdir, "jugfile.cs", "--", "fpga");
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        var status = await WaitForStatusAsync(s => s.Contains("wait for a silo tagged fpga", StringComparison.Ordinal));
        Assert.Contains("Running", status, StringComparison.Ordinal);
        _silos.Add(await SiloProcess.StartAsync(Work, Cluster, Jugdir, "silo-fpga", "--tags", "fpga"));
        await WaitForStatusAsync(s => s.Contains("): Done.", StringComparison.Ordinal));
        Assert.Equal(["silo-fpga"], (await WhereTasksRanAsync()).Single(r => r.Key.StartsWith("Steps.OnFpga", StringComparison.Ordinal)).Value);
    }

    [Fact]
    public async Task Running_dependents_where_their_large_input_is_cached_reads_fewer_inputs_from_the_store()
    {
        Jugfiles.Write(Work, ClusterJugfiles.BigChain);
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "status", "--short", "--jugdir", Jugdir)).ExitCode); // build once
        _silos.Add(await SiloProcess.StartAsync(Work, Cluster, Jugdir, "silo-a"));
        _silos.Add(await SiloProcess.StartAsync(Work, Cluster, Jugdir, "silo-b"));

        var local = await CliRunner.RunAsync(Work, "submit", "--cluster", Cluster, "--jugdir", Jugdir, "--wait");
        Assert.True(local.ExitCode == 0, local.ToString());
        var readsWithLocality = await StoreReadsAsync(runs: 1);

        Assert.Equal(0, (await CliRunner.RunAsync(Work, "invalidate", "--jugdir", Jugdir, "--target", "Steps.Start")).ExitCode);
        var anywhere = await CliRunner.RunAsync(Work, "submit", "--cluster", Cluster, "--jugdir", Jugdir, "--wait", "--no-input-locality");
        Assert.True(anywhere.ExitCode == 0, anywhere.ToString());
        var readsWithout = await StoreReadsAsync(runs: 2) - readsWithLocality;

        // Twelve steps each read the previous one's 2.4 MB result: with locality the silo that made it
        // runs the next step from its cache; without, steps land on either silo.
        Assert.True(readsWithLocality <= 1, $"with locality: {readsWithLocality} reads");
        Assert.True(readsWithout >= 2, $"without locality: {readsWithout} reads");
    }

    /// <summary>Per task (name and short hash), the silos that ran it successfully, from the run log.</summary>
    private async Task<Dictionary<string, string[]>> WhereTasksRanAsync()
    {
        await using var store = new StoreRegistry().AddS3Store().Open(Jugdir);
        var runs = await store.ListRunsAsync().ToListAsync();
        return runs.Where(r => r.Succeeded)
            .GroupBy(r => $"{r.TaskName} {r.Key.ToShortString()}")
            .ToDictionary(g => g.Key, g => g.Select(r => r.Worker).Distinct().ToArray());
    }

    private async Task<string> WaitForStatusAsync(Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var status = await CliRunner.RunAsync(Work, "status", "--cluster", Cluster);
            if (done(status.Output) || DateTime.UtcNow > deadline)
            {
                Assert.True(done(status.Output), status.ToString());
                return status.Output;
            }

            await Task.Delay(500);
        }
    }

    /// <summary>The inputs the silos read from the store, summed over the runs they left (from their logs).</summary>
    private async Task<int> StoreReadsAsync(int runs)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var lines = _silos.SelectMany(s => LeftRun().Matches(s.Log)).ToList();
            if (lines.Count >= runs * _silos.Count || DateTime.UtcNow > deadline)
            {
                return lines.Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }

            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"Left run \w+ epoch \d+: \d+ tasks stored here, (\d+) inputs read from the store")]
    private static partial Regex LeftRun();

    /// <summary>Runs <c>submit --wait</c> and SIGKILLs <paramref name="victim"/> once the progress shows <paramref name="atDone"/> tasks done.</summary>
    private async Task<(CliResult Result, int KilledAt)> SubmitKillingAsync(SiloProcess victim, int atDone)
    {
        using var process = Process.Start(CliRunner.StartInfo(Work, "submit", "--cluster", Cluster, "--jugdir", Jugdir, "--wait", "--lease-timeout", "4"))!;
        var output = new System.Text.StringBuilder();
        var killedAt = -1;
        var stderr = process.StandardError.ReadToEndAsync();

        // A run that never ends must fail the test with what the silos said, not hang the suite.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.AppendLine(line);
                if (killedAt < 0 && Progress().Match(line) is { Success: true } match
                    && int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var done && done >= atDone)
                {
                    killedAt = done;
                    await victim.KillAsync();
                }
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            output.AppendLine("(submit did not finish within 8 minutes and was killed)");
        }

        await process.WaitForExitAsync();
        return (new CliResult(process.ExitCode, output.ToString(), await stderr), killedAt);
    }

    [GeneratedRegex(@"^\[\s*[\d.]+s\]\s+(\d+)/\d+ done")]
    private static partial Regex Progress();
}
