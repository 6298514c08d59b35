using System.Diagnostics;
using System.Text.RegularExpressions;
using Jug.Cloud.Cli.Tests.EndToEnd;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;
using Jug.Cloud.Stores.Tests.Integration;

namespace Jug.Cloud.Cli.Tests.Cluster;

/// <summary>A silo drained by SIGTERM in the middle of a run: what it held goes back at once, nothing runs twice.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ClusterDrainTests : IAsyncLifetime, IDisposable
{
    private const int Tasks = 600;

    private readonly TestServices _services = new();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-cluster-drain-");
    private readonly string _prefix = Guid.NewGuid().ToString("n")[..12];
    private readonly List<SiloProcess> _silos = [];
    private System.Diagnostics.Process? _submit;

    private string Work => _work.FullName;

    private string Cluster => $"{_services.Redis}?cluster=drain-{_prefix}";

    private string Jugdir => Path.Combine(Work, "jugdir");

    public Task InitializeAsync() => _services.InitializeAsync();

    public async Task DisposeAsync()
    {
        // A submit left waiting by a failed assertion would otherwise outlive the test.
        if (_submit is { HasExited: false })
        {
            _submit.Kill(entireProcessTree: true);
        }

        _submit?.Dispose();

        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
        await _services.DisposeAsync();
    }

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task A_silo_drained_mid_run_hands_back_its_tasks_at_once_and_no_task_runs_twice()
    {
        Jugfiles.Write(Work, ClusterJugfiles.PairedNaps);
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "status", "--short", "--jugdir", Jugdir)).ExitCode); // build once
        var first = await SiloProcess.StartAsync(Work, Cluster, Jugdir, "silo-a");
        _silos.Add(first);

        // A lease timeout far beyond the test's deadlines: a task left to it would never come back in time.
        var submit = _submit = System.Diagnostics.Process.Start(CliRunner.StartInfo(Work, "submit", "--cluster", Cluster, "--jugdir", Jugdir, "--wait", "--lease-timeout", "300"))!;
        var output = new System.Text.StringBuilder();
        var stderr = submit.StandardError.ReadToEndAsync();
        var reading = Task.Run(async () =>
        {
            while (await submit.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        });

        // The run's grains are activated on the first silo before the second joins, so draining the
        // second drains only a worker, not the dispatcher or shards of the run. No nap returns until
        // both silos have started one, so the first cannot finish the run before the second joins.
        await WithinAsync(WaitForFileAsync("nap-ran-in-*"), TimeSpan.FromMinutes(3), () => $"the run did not start (submit {(submit.HasExited ? $"exited {submit.ExitCode}" : "runs")}):\n{output}\n{(stderr.IsCompleted ? stderr.Result : "")}\n{first.Log}");
        var drained = await SiloProcess.StartAsync(Work, Cluster, Jugdir, "silo-b");
        _silos.Add(drained);
        await WaitForRunsByAsync(drained.Name);

        var signalled = Stopwatch.StartNew();
        var exitCode = await drained.TerminateAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"silo-b exited with {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing in 60 s"}:\n{drained.Log}");
        Assert.Single(Regex.Matches(drained.Log, "^Draining:", RegexOptions.Multiline));
        Assert.True(drained.Log.Contains("tasks not started handed back", StringComparison.Ordinal), drained.Log);
        Assert.True(drained.Log.Contains("Silo silo-b drained and left cluster", StringComparison.Ordinal), drained.Log);
        drained.AssertLogIsQuiet();

        using (var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            await submit.WaitForExitAsync(deadline.Token);
        }

        await reading;
        var finished = signalled.Elapsed;
        Assert.True(submit.ExitCode == 0, $"{output}\n{await stderr}\n--- silo-a\n{first.Log}\n--- silo-b\n{drained.Log}");
        Assert.True(finished < TimeSpan.FromSeconds(120), $"the run finished {finished.TotalSeconds:0.#} s after the drain (the lease timeout is 300 s)");

        // Each task ran once, on its first attempt, and succeeded; both silos ran some.
        await using var store = new StoreRegistry().AddFileStore().Open(Jugdir);
        var runs = await store.ListRunsAsync().ToListAsync();
        Assert.All(runs, r => Assert.True(r.Succeeded && r.Attempt == 1, $"{r.TaskName} {r.Key.ToShortString()} on {r.Worker}: attempt {r.Attempt}, succeeded {r.Succeeded}"));
        var twice = runs.GroupBy(r => r.Key).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.ToShortString()} on {string.Join(", ", g.Select(r => $"{r.Worker} at {r.Started:HH:mm:ss.fff}"))}").ToList();
        Assert.True(twice.Count == 0, $"ran twice: {string.Join("; ", twice)}\n--- silo-a\n{first.Log}\n--- silo-b\n{drained.Log}");
        Assert.Equal(Tasks, runs.Count);
        Assert.Contains(runs, r => r.Worker == drained.Name);
        Assert.Contains(runs, r => r.Worker == first.Name);
    }

    /// <summary>Waits until the run log has a record of a task <paramref name="worker"/> ran.</summary>
    private async Task WaitForRunsByAsync(string worker)
    {
        await using var store = new StoreRegistry().AddFileStore().Open(Jugdir);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await store.ListRunsAsync().AnyAsync(r => r.Worker == worker))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{worker} ran nothing within a minute");
            await Task.Delay(100);
        }
    }

    /// <summary>Completes when a file matching <paramref name="pattern"/> exists in the work folder.</summary>
    private async Task WaitForFileAsync(string pattern)
    {
        while (Directory.GetFiles(Work, pattern).Length == 0)
        {
            await Task.Delay(50);
        }
    }

    private static async Task WithinAsync(Task task, TimeSpan limit, Func<string> failure)
    {
        if (await Task.WhenAny(task, Task.Delay(limit)) != task)
        {
            Assert.Fail(failure());
        }
    }

}
