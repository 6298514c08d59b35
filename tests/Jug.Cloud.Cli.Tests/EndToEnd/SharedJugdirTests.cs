using System.Diagnostics;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;

namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary>Two <c>jugcloud execute</c> processes on one jugdir, as on a shared file system.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class SharedJugdirTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-shared-jugdir-");

    private string Work => _work.FullName;

    private string Jugdir => Path.Combine(Work, "jugfile.jugdata");

    public void Dispose() => _work.Delete(recursive: true);

    private async Task<List<RunRecord>> RunLogAsync()
    {
        await using var store = new FileJugStore(new FileStoreOptions { Root = Jugdir });
        return await store.ListRunsAsync().ToListAsync();
    }

    [Fact]
    public async Task Two_processes_finish_the_graph_together_and_every_task_runs_exactly_once()
    {
        Jugfiles.Write(Work, ParityJugfiles.CpuBound);
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "status", "--short")).ExitCode); // build once

        var results = await Task.WhenAll(CliRunner.RunAsync(Work, "execute", "-j", "1"), CliRunner.RunAsync(Work, "execute", "-j", "1"));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        var runs = await RunLogAsync();
        Assert.Equal(41, runs.Count);
        Assert.Equal(41, runs.Select(r => r.Key).Distinct().Count());
        Assert.All(runs, r => Assert.True(r.Succeeded));
        var workers = runs.GroupBy(r => r.Worker).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(workers.Count == 2, $"expected both processes to run tasks: {string.Join(", ", workers)}");
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "check")).ExitCode);
    }

    [Fact]
    public async Task When_one_process_is_killed_mid_task_the_other_runs_its_task_once_the_claim_lapses()
    {
        Jugfiles.Write(Work, ParityJugfiles.Marked);
        var markers = Directory.CreateDirectory(Path.Combine(Work, "markers")).FullName;
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "status", "--short", "jugfile.cs", "--", markers)).ExitCode);

        string killedTask;
        using (var victim = Process.Start(CliRunner.StartInfo(Work, "execute", "-j", "1", "--claim-ttl", "3", "jugfile.cs", "--", markers))!)
        {
            _ = victim.StandardOutput.ReadToEndAsync();
            _ = victim.StandardError.ReadToEndAsync();
            var survivor = CliRunner.RunAsync(Work, "execute", "-j", "1", "--claim-ttl", "3", "jugfile.cs", "--", markers);
            var deadline = DateTime.UtcNow.AddMinutes(2);
            string? started = null;
            while (started is null && DateTime.UtcNow < deadline && !victim.HasExited)
            {
                started = Directory.GetFiles(markers, $"*-{victim.Id}").FirstOrDefault();
                await Task.Delay(20);
            }

            Assert.NotNull(started);
            victim.Kill(); // SIGKILL: no chance to release its claim
            await victim.WaitForExitAsync();
            killedTask = Path.GetFileName(started)!.Split('-')[0];

            var result = await survivor;
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        // The killed process's task started again in the survivor, and its result is stored.
        var starts = Directory.GetFiles(markers).Select(Path.GetFileName).Where(n => n!.StartsWith(killedTask + "-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, starts.Length);
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "check", "jugfile.cs", "--", markers)).ExitCode);
        var runs = await RunLogAsync();
        Assert.Equal(13, runs.Select(r => r.Key).Distinct().Count());
    }
}
