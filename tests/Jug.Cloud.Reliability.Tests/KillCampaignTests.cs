using System.Diagnostics;
using System.Globalization;
using Jug.Cloud.Storage;
using Xunit.Abstractions;

namespace Jug.Cloud.Reliability.Tests;

/// <summary>
/// SIGKILL <c>execute</c> at seeded random points of a run and resume after each kill: at the end
/// every result equals a clean run's, no result stored before a kill disappeared, and no task whose
/// result was stored ran again (the run log says which ran when).
/// </summary>
[Collection(CampaignCollection.Name)]
[Trait("Category", "Campaign")]
public sealed class KillCampaignTests(CampaignFixture fixture, ITestOutputHelper output)
{
    private static readonly CampaignSize Size = CampaignSize.Current;

    [Theory]
    [InlineData("file")]
    [InlineData("redis")]
    public async Task Killed_and_resumed_runs_lose_duplicate_and_corrupt_nothing(string storeKind)
    {
        var seed = CampaignSize.Seed();
        output.WriteLine($"seed {seed}");
        var result = new CampaignResult("sigkill-execute", storeKind, seed);
        var random = new Random(seed);
        var parts = Size.KillTasks;
        var total = CampaignJugfile.Results(parts);
        var reference = await fixture.ReferenceAsync(parts);
        var jugdir = storeKind == "file" ? Path.Combine(fixture.Root, $"kill-{Guid.NewGuid():n}") : fixture.NewRedisJugdir();
        // Kill points as numbers of stored results, spread over the run.
        var points = Enumerable.Range(0, Size.KillPoints).Select(_ => (int)(total * (0.05 + (random.NextDouble() * 0.9)))).Order().ToList();
        output.WriteLine($"kill points {string.Join(' ', points)} of {total}");

        var storedBefore = new HashSet<TaskHash>();
        var storedSince = new Dictionary<TaskHash, DateTimeOffset>();
        foreach (var point in points)
        {
            result.Tried++;
            using var process = Process.Start(CliRunner.StartInfo(fixture.Root, Execute(jugdir, parts)))!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddMinutes(5);
            var reached = false;
            while (!process.HasExited && DateTime.UtcNow < deadline)
            {
                if ((await StoredState.KeysAsync(jugdir)).Count >= point)
                {
                    reached = true;
                    break;
                }

                await Task.Delay(25);
            }

            if (reached && !process.HasExited)
            {
                process.Kill(); // SIGKILL
                result.Count("killed");
            }
            else
            {
                result.Count(process.HasExited ? "finished-before-kill-point" : "kill-point-not-reached");
                if (!process.HasExited)
                {
                    process.Kill();
                }
            }

            await process.WaitForExitAsync();
            await Task.WhenAll(stdout, stderr);
            var killedAt = DateTimeOffset.UtcNow;
            var stored = await StoredState.KeysAsync(jugdir);
            var vanished = storedBefore.Where(key => !stored.Contains(key)).ToList();
            result.Lost += vanished.Count;
            foreach (var key in vanished.Take(3))
            {
                result.Note($"{key} was stored before a kill and is gone after the next one");
            }

            output.WriteLine($"kill at {point}: {stored.Count} stored");
            foreach (var key in stored)
            {
                storedSince.TryAdd(key, killedAt);
            }

            storedBefore = stored;
        }

        var finalRun = await CliRunner.RunAsync(fixture.Root, Execute(jugdir, parts));
        if (finalRun.ExitCode != 0)
        {
            result.Count($"final-execute-exit-{finalRun.ExitCode}");
            result.Note(finalRun.Error.Trim());
        }

        await CountDuplicatesAsync(jugdir, storedSince, result);
        await StoredState.CompareAsync(jugdir, reference, result);
        output.WriteLine(result.Write());
        Assert.Equal(0, finalRun.ExitCode);
        result.AssertBar();
    }

    private string[] Execute(string jugdir, int parts) =>
        ["execute", fixture.Jugfile, parts.ToString(CultureInfo.InvariantCulture), "--jugdir", jugdir, "--claim-ttl", "10"];

    /// <summary>A task is duplicated if the run log shows it started after its result was seen stored.</summary>
    private static async Task CountDuplicatesAsync(string jugdir, Dictionary<TaskHash, DateTimeOffset> storedSince, CampaignResult result)
    {
        var runs = await StoredState.RunsAsync(jugdir);
        // The check below can only find a rerun the run log shows: it must hold the runs of every stored task.
        result.Count("run-log-records", runs.Count);
        Assert.True(runs.Select(r => r.Key).Distinct().Count() >= storedSince.Count, $"the run log holds {runs.Count} records for {storedSince.Count} stored results");
        foreach (var run in runs)
        {
            if (storedSince.TryGetValue(run.Key, out var since) && run.Started > since)
            {
                result.Duplicated++;
                result.Note($"{run.TaskName} {run.Key} ran at {run.Started:O}, its result was stored by {since:O}");
            }
        }
    }
}
