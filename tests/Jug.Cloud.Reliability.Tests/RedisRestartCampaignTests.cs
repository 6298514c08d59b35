using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Jug.Cloud.Reliability.Tests;

/// <summary>
/// Redis restarted (same port, same data) while an <c>execute</c> on it runs: the execute completes
/// once Redis is back and every result equals a clean run's.
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
        var jugdir = fixture.NewRedisJugdir();
        var points = Enumerable.Range(0, size.Restarts).Select(_ => (int)(total * (0.1 + (random.NextDouble() * 0.8)))).Order().ToList();
        output.WriteLine($"restart points {string.Join(' ', points)} of {total}");

        using var process = Process.Start(CliRunner.StartInfo(
            fixture.Root, "execute", fixture.Jugfile, size.RestartTasks.ToString(CultureInfo.InvariantCulture), "--jugdir", jugdir))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        foreach (var point in points)
        {
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while (!process.HasExited && DateTime.UtcNow < deadline && (await StoredState.KeysAsync(jugdir)).Count < point)
            {
                await Task.Delay(50);
            }

            if (process.HasExited)
            {
                result.Count("finished-before-restart-point");
                break;
            }

            result.Tried++;
            await TestServices.RunAsync("restart", "redis", "--state", fixture.Services.RedisState!);
            result.Count("restarted");
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10)))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        var (output1, error) = (await stdout, await stderr);
        output.WriteLine(output1);
        output.WriteLine(error);
        result.Count($"execute-exit-{process.ExitCode}");
        await StoredState.CompareAsync(jugdir, reference, result);
        output.WriteLine(result.Write());
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {error}");
        result.AssertBar();
    }
}
