using System.Diagnostics;
using System.Globalization;
using Jug.Cloud.Storage;
using Xunit.Abstractions;

namespace Jug.Cloud.Reliability.Tests;

/// <summary>
/// SIGKILL one of three <c>jugcloud silo</c> processes (S3 store, cluster on Redis) at seeded points
/// of submitted runs and start a replacement: every submit finishes with exit 0, every result equals
/// a clean run's, and no task whose result was stored before the kill ran again (the run log says
/// which ran when).
/// </summary>
[Collection(CampaignCollection.Name)]
[Trait("Category", "Campaign")]
public sealed class SiloKillCampaignTests(CampaignFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly CampaignSize Size = CampaignSize.Current;

    private readonly List<SiloProcess> _silos = [];
    private readonly List<SiloProcess> _killed = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Silos leave before the fixture stops the services they use (a silo whose Redis is gone hangs on shutdown).
        await Task.WhenAll(_silos.Concat(_killed).Select(s => s.DisposeAsync().AsTask()));
    }

    [Fact]
    public async Task Killed_silos_lose_duplicate_and_corrupt_nothing()
    {
        var seed = CampaignSize.Seed();
        output.WriteLine($"seed {seed}");
        var result = new CampaignResult("silo-sigkill", "s3", seed);
        var random = new Random(seed);
        var parts = Size.SiloKillTasks;
        var total = CampaignJugfile.Results(parts);
        var reference = await fixture.ReferenceAsync(parts);
        var cluster = fixture.NewCluster();
        var work = Directory.CreateDirectory(Path.Combine(fixture.Root, $"silo-kill-{Guid.NewGuid():n}")).FullName;
        var silos = 0;
        for (; silos < 3; silos++)
        {
            _silos.Add(await SiloProcess.StartAsync(work, cluster, fixture.NewS3Jugdir(), $"silo-{silos + 1}"));
        }

        var exits = new List<int>();
        foreach (var point in Enumerable.Range(0, Size.SiloKillPoints).Select(_ => (int)(total * (0.05 + (random.NextDouble() * 0.55)))))
        {
            // A jugdir (S3 prefix) per kill point: each point then falls in a whole run, from its first
            // result to its last, and the run log of that prefix is one run's history, so a start after
            // the kill is a rerun of that run. Sharing one jugdir would need new task arguments per point
            // and a clean reference run for each.
            var jugdir = fixture.NewS3Jugdir();
            var victim = _silos[random.Next(_silos.Count)];
            result.Tried++;
            // Without store claims, as runs are submitted by default: a task the victim stored but had
            // not reported comes back from the dispatcher marked as reissued, and the survivor that
            // takes it finds it in the store instead of running it again.
            using var submit = Process.Start(CliRunner.StartInfo(
                fixture.Root, "submit", fixture.Jugfile, parts.ToString(CultureInfo.InvariantCulture),
                "--cluster", cluster, "--jugdir", jugdir, "--wait", "--lease-timeout", "4"))!;
            var stdout = submit.StandardOutput.ReadToEndAsync();
            var stderr = submit.StandardError.ReadToEndAsync();

            // Listing an object store costs a request a page: look every quarter second, not faster.
            // A key a listing returned was stored by the time that listing ended; the survivors go on
            // storing while the victim is killed, so each key is dated by the first listing that saw it.
            var deadline = DateTime.UtcNow.AddMinutes(5);
            var stored = new HashSet<TaskHash>();
            var listedAt = DateTimeOffset.UtcNow;
            while (!submit.HasExited && DateTime.UtcNow < deadline && stored.Count < point)
            {
                await Task.Delay(250);
                if (await StoredState.KeysWhileRunningAsync(jugdir) is { } now)
                {
                    stored = now;
                    listedAt = DateTimeOffset.UtcNow;
                }
            }

            var storedSince = new Dictionary<TaskHash, DateTimeOffset>();
            if (!submit.HasExited && stored.Count >= point)
            {
                await victim.KillAsync(); // SIGKILL
                _silos.Remove(victim);
                _killed.Add(victim);
                result.Count("killed");

                // What was stored when the victim died must not run again. s3rver lists an object
                // while its upload is still under way (AWS S3 shows it only once complete), so a
                // result the victim was writing as it died may be listed yet half there, and running
                // that task again is right: only results that read back whole after the kill count.
                var whole = await StoredState.WholeAsync(jugdir, stored);
                result.Count("listed-but-not-whole-at-kill", stored.Count - whole.Count);
                foreach (var key in whole)
                {
                    storedSince[key] = listedAt;
                }

                var after = await StoredState.KeysWhileRunningAsync(jugdir) ?? [];
                var afterAt = DateTimeOffset.UtcNow;
                foreach (var key in await StoredState.WholeAsync(jugdir, after))
                {
                    storedSince.TryAdd(key, afterAt);
                }

                output.WriteLine($"killed {victim.Name} at {storedSince.Count} of {total} stored (point {point})");
                _silos.Add(await SiloProcess.StartAsync(work, cluster, fixture.NewS3Jugdir(), $"silo-{++silos}"));
            }
            else
            {
                result.Count(submit.HasExited ? "finished-before-kill-point" : "kill-point-not-reached");
            }

            using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8)))
            {
                try
                {
                    await submit.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    submit.Kill(entireProcessTree: true);
                    await submit.WaitForExitAsync();
                    result.Note("submit did not finish within 8 minutes and was killed");
                }
            }

            var (said, error) = (await stdout, await stderr);
            exits.Add(submit.ExitCode);
            result.Count($"submit-exit-{submit.ExitCode}");
            if (submit.ExitCode != 0)
            {
                result.Note($"submit exit {submit.ExitCode}: {error.Trim()} {said.Trim().Split('\n')[^1]}");
                output.WriteLine(said);
                output.WriteLine(error);
                output.WriteLine(string.Join("\n", _silos.Concat(_killed).Select(s => $"--- {s.Name}\n{s.Log}")));
            }

            await CountDuplicatesAsync(jugdir, storedSince, result);
            await StoredState.CompareAsync(jugdir, reference, result);
        }

        output.WriteLine(result.Write());
        Assert.True(exits.All(e => e == 0), $"submit exit codes {string.Join(", ", exits)}: {string.Join(" | ", result.Notes)}");
        Assert.True(result.Other.GetValueOrDefault("killed") >= 1, "no kill point was reached before its run ended: the runs are too short for the kill points");
        result.AssertBar();
    }

    /// <summary>A task is duplicated if the run log shows it started after its result was seen stored.</summary>
    private static async Task CountDuplicatesAsync(string jugdir, Dictionary<TaskHash, DateTimeOffset> storedSince, CampaignResult result)
    {
        var runs = await StoredState.RunsAsync(jugdir);
        var stored = await StoredState.KeysAsync(jugdir);
        result.Count("run-log-records", runs.Count);

        // The check below can only find a rerun the run log shows. A silo killed between storing a
        // group of results and writing their run records leaves those results without records (the
        // run log is history, written after the results), and s3rver may finish a dead client's
        // upload after the kill; such results are counted here. A rerun of any result stored before
        // the kill is recorded by the silo that ran it again, so it is still seen below.
        var recorded = runs.Select(r => r.Key).ToHashSet();
        result.Count("results-without-run-record", stored.Count(key => !recorded.Contains(key)));
        foreach (var run in runs)
        {
            if (storedSince.TryGetValue(run.Key, out var since) && run.Started > since)
            {
                result.Duplicated++;
                result.Note($"{run.TaskName} {run.Key} ran at {run.Started:O} on {run.Worker}, its result was stored by {since:O}");
            }
        }
    }
}
