using System.Diagnostics;
using System.Text.RegularExpressions;
using Jug.Cloud.Cli.Tests.EndToEnd;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;
using Jug.Cloud.Stores.Tests.Integration;
using Xunit.Abstractions;

namespace Jug.Cloud.Cli.Tests.Cluster;

/// <summary>
/// <c>jugcloud autoscale --provider local</c> on an empty cluster: a submitter waiting for a silo gets
/// one, the backlog gets the rest at once, the graph finishes with every task run once, and the fleet
/// drains back to nothing after the idle timeout; the time is compared with a fixed fleet of three.
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Cluster")]
public sealed partial class AutoscaleTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const int Tasks = 20_000;
    private const string Slots = "16";

    /// <summary>20,000 tasks of 20 ms.</summary>
    private const string Naps = """
        Enumerable.Range(0, 20_000).Select(i => Task(Steps.Nap, i)).ToList();

        public static class Steps
        {
            public static int Nap(int i)
            {
                Thread.Sleep(20);
                return i;
            }
        }
        """;

    private readonly TestServices _services = new();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-autoscale-");
    private readonly string _prefix = Guid.NewGuid().ToString("n")[..12];
    private readonly List<SiloProcess> _silos = [];
    private Process? _autoscaler;

    private string Work => _work.FullName;

    public Task InitializeAsync() => _services.InitializeAsync();

    public async Task DisposeAsync()
    {
        if (_autoscaler is { HasExited: false })
        {
            await TerminateAsync(_autoscaler, TimeSpan.FromMinutes(2));
        }

        _autoscaler?.Dispose();
        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
        await _services.DisposeAsync();
    }

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task An_empty_cluster_scales_up_for_a_graph_finishes_it_once_and_scales_back_to_zero()
    {
        var total = Stopwatch.StartNew();
        Jugfiles.Write(Work, Naps);
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "status", "--short", "--jugdir", Path.Combine(Work, "built"))).ExitCode); // build once

        // The autoscaled fleet, from nothing.
        var cluster = $"{_services.Redis}?cluster=scale-{_prefix}";
        var jugdir = Path.Combine(Work, "jugdir-auto");
        var log = new Lines();
        _autoscaler = Start(log, "autoscale", "--cluster", cluster, "--jugdir", jugdir, "--provider", "local", "--min", "0", "--max", "3",
            "--slots", Slots, "--target-duration", "5s", "--idle-timeout", "10s", "--interval", "1s", "--cache-dir", Path.Combine(Work, "cache-auto"));
        await log.WaitForAsync(l => l.Contains("autoscaling cluster", StringComparison.Ordinal), TimeSpan.FromMinutes(1), () => $"autoscale did not start:\n{log}");

        var autoscaled = await SubmitAsync(cluster, jugdir, "--wait-for-silo", "180");
        Assert.True(autoscaled.Result.ExitCode == 0, $"{autoscaled.Result}\n--- autoscale\n{log}");
        await log.WaitForAsync(l => ScaleLine().Match(l) is { Success: true } m && m.Groups[2].Value == "0", TimeSpan.FromMinutes(2), () => $"the fleet did not scale back to 0:\n{log}");
        await log.WaitForAsync(_ => Count(log, "exited (") == Count(log, "started silo "), TimeSpan.FromMinutes(2), () => $"the drained silos did not all exit:\n{log}");
        await CheckRunLogAsync(jugdir, log.ToString);

        var exitCode = await TerminateAsync(_autoscaler, TimeSpan.FromMinutes(1));
        Assert.True(exitCode == 0, $"autoscale exited with {exitCode}:\n{log}");
        var decisions = log.All.Where(l => ScaleLine().IsMatch(l)).ToList();
        output.WriteLine(string.Join('\n', decisions));
        Assert.Matches("scale 0 → 1: .*1 submitter\\(s\\) waiting for a first silo", decisions[0]);
        Assert.Contains(decisions, d => ScaleLine().Match(d).Groups[2].Value == "3");
        Assert.Equal("0", ScaleLine().Match(decisions[^1]).Groups[2].Value);
        Assert.Equal(3, Count(log, "started silo "));

        // A fixed fleet of three, already up.
        var fixedCluster = $"{_services.Redis}?cluster=fixed-{_prefix}";
        var fixedJugdir = Path.Combine(Work, "jugdir-fixed");
        foreach (var name in new[] { "fixed-a", "fixed-b", "fixed-c" })
        {
            _silos.Add(await SiloProcess.StartAsync(Work, fixedCluster, fixedJugdir, name, "--slots", Slots));
        }

        var fixedRun = await SubmitAsync(fixedCluster, fixedJugdir);
        Assert.True(fixedRun.Result.ExitCode == 0, fixedRun.Result.ToString());
        await CheckRunLogAsync(fixedJugdir, () => string.Join("\n", _silos.Select(s => $"--- {s.Name}\n{s.Log}")));

        var ratio = autoscaled.Elapsed / fixedRun.Elapsed;
        output.WriteLine($"autoscaled from 0: {autoscaled.Elapsed.TotalSeconds:0.0} s; fixed 3 silos: {fixedRun.Elapsed.TotalSeconds:0.0} s; ratio {ratio:0.00}; test {total.Elapsed.TotalSeconds:0} s");
        output.WriteLine(log.ToString());
        // The autoscaled time includes starting every silo; on a shared 2-core machine that is a fixed cost of seconds, not a factor.
        Assert.True(autoscaled.Elapsed < fixedRun.Elapsed * 1.5 + TimeSpan.FromSeconds(90), $"autoscaled {autoscaled.Elapsed.TotalSeconds:0.0} s against fixed {fixedRun.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Every task ran once, on its first attempt, and succeeded; if not, says which ran twice, where and when, with the silos' logs.</summary>
    private static async Task CheckRunLogAsync(string jugdir, Func<string> logs)
    {
        await using var store = new StoreRegistry().AddFileStore().Open(jugdir);
        var runs = await store.ListRunsAsync().ToListAsync();
        Assert.All(runs, r => Assert.True(r.Succeeded && r.Attempt == 1, $"{r.TaskName} {r.Key.ToShortString()} on {r.Worker}: attempt {r.Attempt}, succeeded {r.Succeeded}"));
        var twice = runs.GroupBy(r => r.Key).Where(g => g.Count() > 1).ToList();
        var examples = twice.Take(10).Select(g => $"{g.Key.ToShortString()}: {string.Join(", ", g.Select(r => $"{r.Worker} {r.Started:HH:mm:ss.fff}+{r.Duration.TotalMilliseconds:0}ms"))}");
        Assert.True(twice.Count == 0 && runs.Count == Tasks, $"{runs.Count} run records, {runs.Select(r => r.Key).Distinct().Count()} tasks, {twice.Count} ran more than once, e.g.\n{string.Join('\n', examples)}\n{logs()}");
    }

    private async Task<(CliResult Result, TimeSpan Elapsed)> SubmitAsync(string cluster, string jugdir, params string[] extra)
    {
        var clock = Stopwatch.StartNew();
        var result = await CliRunner.RunAsync(Work, ["submit", "--cluster", cluster, "--jugdir", jugdir, "--wait", .. extra]);
        return (result, clock.Elapsed);
    }

    private Process Start(Lines lines, params string[] arguments)
    {
        var process = Process.Start(CliRunner.StartInfo(Work, arguments))!;
        process.OutputDataReceived += (_, e) => lines.Add(e.Data);
        process.ErrorDataReceived += (_, e) => lines.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<int?> TerminateAsync(Process process, TimeSpan timeout)
    {
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return null;
        }
    }

    private static int Count(Lines lines, string text) => lines.All.Count(l => l.Contains(text, StringComparison.Ordinal));

    [GeneratedRegex(@"scale (\d+) → (\d+):")]
    private static partial Regex ScaleLine();

    /// <summary>What a process printed, line by line, with waits on a line that satisfies a condition.</summary>
    private sealed class Lines
    {
        private readonly List<string> _lines = [];
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<string> All
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_lines)
            {
                _lines.Add(line);
                _changed.TrySetResult();
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public async Task WaitForAsync(Func<string, bool> condition, TimeSpan limit, Func<string> failure)
        {
            var deadline = DateTime.UtcNow + limit;
            while (true)
            {
                Task changed;
                lock (_lines)
                {
                    if (_lines.Any(condition))
                    {
                        return;
                    }

                    changed = _changed.Task;
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
                {
                    Assert.Fail(failure());
                }
            }
        }

        public override string ToString() => string.Join('\n', All);
    }
}
