using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Jug.Cloud.Reliability.Tests;

/// <summary>
/// Redis restarted (same port, same data) while an <c>execute</c> on it runs, once at a seeded point
/// of each of several runs: every execute completes once Redis is back and every result equals a clean run's.
/// </summary>
[Collection(CampaignCollection.Name)]
[Trait("Category", "Campaign")]
public sealed class RedisRestartCampaignTests(CampaignFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task An_execute_rides_out_Redis_restarts_and_loses_nothing()
    {
        Assert.False(fixture.Services.RedisState is null, "the Redis under test was not started by infra/services.sh, so it cannot be restarted");
        var size = CampaignSize.Current;
        var seed = CampaignSize.Seed();
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var result = new CampaignResult("redis-restart", "redis", seed);
        var reference = await fixture.ReferenceAsync(size.RestartTasks);
        var total = CampaignJugfile.Results(size.RestartTasks);
        var points = Enumerable.Range(0, size.Restarts).Select(_ => (int)(total * (0.1 + (random.NextDouble() * 0.8)))).ToList();
        output.WriteLine($"restart points {string.Join(' ', points)} of {total}");

        // One execute per restart point, each on a jugdir of its own, so that every point falls inside
        // a run: one run with five points finished before its last one on a quiet machine.
        var exits = new List<int>();
        foreach (var point in points)
        {
            var jugdir = fixture.NewRedisJugdir();
            using var process = Process.Start(CliRunner.StartInfo(
                fixture.Root, "execute", fixture.Jugfile, size.RestartTasks.ToString(CultureInfo.InvariantCulture), "--jugdir", jugdir))!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while (!process.HasExited && DateTime.UtcNow < deadline && (await StoredState.KeysAsync(jugdir)).Count < point)
            {
                await Task.Delay(50);
            }

            if (process.HasExited)
            {
                result.Count("finished-before-restart-point");
            }
            else
            {
                result.Tried++;
                await TestServices.RunAsync("restart", "redis", "--state", fixture.Services.RedisState!);
                result.Count("restarted");
            }

            using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10)))
            {
                await process.WaitForExitAsync(timeout.Token);
            }

            var (said, error) = (await stdout, await stderr);
            exits.Add(process.ExitCode);
            result.Count($"execute-exit-{process.ExitCode}");
            if (process.ExitCode != 0)
            {
                result.Note($"execute exit {process.ExitCode}: {error.Trim()}");
                output.WriteLine(said);
                output.WriteLine(error);
            }

            await StoredState.CompareAsync(jugdir, reference, result);
        }

        output.WriteLine(result.Write());
        Assert.True(exits.All(e => e == 0), $"execute exit codes {string.Join(", ", exits)}: {string.Join(" | ", result.Notes)}");
        Assert.Equal(points.Count, result.Tried);
        result.AssertBar();
    }
}
