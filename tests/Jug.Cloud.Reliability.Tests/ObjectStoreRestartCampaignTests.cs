using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Jug.Cloud.Reliability.Tests;

/// <summary>
/// The object store restarted (s3rver or Azurite: same port, same data) while an <c>execute</c> on
/// it runs: the execute rides out the outage, exits 0, and every result equals a clean run's.
/// </summary>
[Collection(CampaignCollection.Name)]
[Trait("Category", "Campaign")]
public sealed class ObjectStoreRestartCampaignTests(CampaignFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData("s3", "s3rver")]
    [InlineData("azure", "azurite")]
    public async Task An_execute_rides_out_object_store_restarts_and_loses_nothing(string storeKind, string service)
    {
        // The state directory that started the services; restarting needs it (same port, same data).
        var state = fixture.Services.RedisState;
        Assert.False(state is null || !File.Exists(Path.Combine(state, $"{service}.port")), $"the {service} under test was not started by infra/services.sh with JUGCLOUD_TEST_SERVICES_STATE, so it cannot be restarted");
        var size = CampaignSize.Current;
        var seed = CampaignSize.Seed();
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var result = new CampaignResult("object-store-restart", storeKind, seed);
        var parts = size.ObjectStoreRestartTasks;
        var reference = await fixture.ReferenceAsync(parts);
        var total = CampaignJugfile.Results(parts);
        var jugdir = storeKind == "s3" ? fixture.NewS3Jugdir() : await fixture.NewAzureJugdirAsync();
        // Points in the first 70% of the run: each restart must land while the run is still going.
        var points = Enumerable.Range(0, size.ObjectStoreRestarts).Select(_ => (int)(total * (0.1 + (random.NextDouble() * 0.6)))).Order().ToList();
        output.WriteLine($"restart points {string.Join(' ', points)} of {total}");

        using var process = Process.Start(CliRunner.StartInfo(
            fixture.Root, "execute", fixture.Jugfile, parts.ToString(CultureInfo.InvariantCulture), "--jugdir", jugdir))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var outages = new List<double>();
        foreach (var point in points)
        {
            // Listing an object store costs a request a page: look every quarter second, not faster.
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while (!process.HasExited && DateTime.UtcNow < deadline && ((await StoredState.KeysWhileRunningAsync(jugdir))?.Count ?? 0) < point)
            {
                await Task.Delay(250);
            }

            if (process.HasExited)
            {
                result.Count("finished-before-restart-point");
                break;
            }

            result.Tried++;
            var clock = Stopwatch.StartNew();
            await TestServices.RunAsync("restart", service, "--state", state!);
            outages.Add(clock.Elapsed.TotalSeconds);
            result.Count("restarted");
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10)))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        var (output1, error) = (await stdout, await stderr);
        output.WriteLine(output1);
        output.WriteLine(error);
        output.WriteLine($"restarts took {string.Join(", ", outages.Select(s => s.ToString("0.0", CultureInfo.InvariantCulture)))} s");
        result.Count($"execute-exit-{process.ExitCode}");
        if (outages.Count > 0)
        {
            // How long the store was away, as the restart script saw it (stop, port free, answering again).
            result.Count("longest-restart-ms", (int)(outages.Max() * 1000));
        }

        if (process.ExitCode != 0)
        {
            result.Note(error.Trim());
        }

        await StoredState.CompareAsync(jugdir, reference, result);
        output.WriteLine(result.Write());
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {error}");
        // A restart point the run passed between two looks is counted (finished-before-restart-point);
        // at least one restart must have hit the run, or the test proved nothing.
        Assert.True(result.Tried >= 1, $"no restart was done before the run ended ({size.ObjectStoreRestarts} points)");
        result.AssertBar();
    }
}
