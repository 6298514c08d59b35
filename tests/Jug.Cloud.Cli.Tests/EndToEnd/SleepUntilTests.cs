using System.Text.Json;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;

namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary><c>jugcloud sleep-until</c> while another process runs the tasks, on a failure, and on its timeout.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class SleepUntilTests(SharedJugfiles jugfiles) : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-sleep-");

    private string Work => _work.FullName;

    private string Jugdir => Path.Combine(Work, "pipeline.jugdata");

    [Fact]
    public async Task Sleep_until_returns_when_an_execute_elsewhere_finishes()
    {
        using var sleeper = System.Diagnostics.Process.Start(
            CliRunner.StartInfo(Work, "sleep-until", jugfiles.Pipeline, "--jugdir", Jugdir, "--wait-cycle-time", "0.2", "--timeout", "120"))!;
        var output = sleeper.StandardOutput.ReadToEndAsync();
        var error = sleeper.StandardError.ReadToEndAsync();

        var execute = await CliRunner.RunAsync(Work, "execute", jugfiles.Pipeline, "--jugdir", Jugdir);
        Assert.True(execute.ExitCode == 0, execute.ToString());

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await sleeper.WaitForExitAsync(timeout.Token);
        Assert.True(sleeper.ExitCode == 0, await error);
        Assert.Equal("All 12 tasks are done.", (await output).Trim());
    }

    [Fact]
    public async Task Sleep_until_exits_1_on_its_timeout_and_on_a_failure_nobody_retries()
    {
        var timedOut = await CliRunner.RunAsync(Work, "sleep-until", jugfiles.Pipeline, "--jugdir", Jugdir, "--wait-cycle-time", "0.1", "--timeout", "0.3");
        Assert.Equal(1, timedOut.ExitCode);
        Assert.Matches(@"^jugcloud: timed out after 0\.\d s: 0 of 12 tasks are done\.$", timedOut.Error.Trim());

        var status = await CliRunner.RunAsync(Work, "status", jugfiles.Pipeline, "--jugdir", Jugdir, "--json");
        using var json = JsonDocument.Parse(status.Output);
        var leaf = json.RootElement.GetProperty("tasks")[0].GetProperty("hash").GetString()!;
        await using (var store = new StoreRegistry().AddFileStore().Open(Jugdir))
        {
            await store.PutFailureAsync(new FailureRecord(
                TaskHash.Parse(leaf), "Steps.Leaf", "System.InvalidOperationException", "no luck", "System.InvalidOperationException: no luck", 3, "elsewhere:1", DateTimeOffset.UtcNow));
        }

        var failed = await CliRunner.RunAsync(Work, "sleep-until", jugfiles.Pipeline, "--jugdir", Jugdir, "--wait-cycle-time", "0.1", "--timeout", "60");
        Assert.Equal(1, failed.ExitCode);
        var line = Assert.Single(failed.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Steps.Leaf", line);
        Assert.Contains("no luck", line);
    }

    public void Dispose() => _work.Delete(recursive: true);
}
