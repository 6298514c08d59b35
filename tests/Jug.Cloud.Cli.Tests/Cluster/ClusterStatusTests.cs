using System.Text.Json;
using Jug.Cloud.Cli.Tests.EndToEnd;
using Jug.Cloud.Stores.Tests.Integration;

namespace Jug.Cloud.Cli.Tests.Cluster;

/// <summary><c>status --cluster</c> while a run is under way and after it: running tasks and run times come from the run's grains.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ClusterStatusTests : IAsyncLifetime, IDisposable
{
    private readonly TestServices _services = new();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-cluster-status-");
    private readonly string _prefix = Guid.NewGuid().ToString("n")[..12];
    private SiloProcess? _silo;

    private string Work => _work.FullName;

    private string Cluster => $"{_services.Redis}?cluster=status-{_prefix}";

    private string Jugdir => Path.Combine(Work, "jugdir");

    public Task InitializeAsync() => _services.InitializeAsync();

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await _services.DisposeAsync();
    }

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Status_during_a_run_shows_running_tasks_and_run_times_and_after_it_the_times_of_all()
    {
        var gate = Path.Combine(Work, "gate");
        Jugfiles.Write(Work, ClusterJugfiles.Gated);
        _silo = await SiloProcess.StartAsync(Work, Cluster, Jugdir, "silo-a", "--slots", "4");
        var submitted = await CliRunner.RunAsync(Work, "submit", "--cluster", Cluster, "--jugdir", Jugdir, "jugfile.cs", "--", gate);
        Assert.True(submitted.ExitCode == 0, submitted.ToString());

        // The two gated tasks hold two slots until the gate opens; the quick ones finish beside them.
        var during = await WaitForRowsAsync(rows => rows["Steps.Held"].Running == 2 && rows["Steps.Quick"].Done == 8);
        Assert.Equal(2, during["Total"].Running);
        Assert.Equal(0, during["Steps.Held"].Ready);
        Assert.Null(during["Steps.Held"].Mean);
        var quick = during["Steps.Quick"];
        Assert.InRange(quick.Mean!.Value, 0.045, 5);
        Assert.InRange(quick.Max!.Value, quick.Mean.Value, 5);

        await File.WriteAllTextAsync(gate, "");
        var after = await WaitForRowsAsync(rows => rows["Total"].Done == 10);
        Assert.Equal(0, after["Total"].Running);
        Assert.NotNull(after["Steps.Held"].Mean);
        Assert.InRange(after["Steps.Quick"].Mean!.Value, 0.045, 5);
    }

    /// <summary>Asks <c>status --cluster --json</c> until <paramref name="done"/> holds (two minutes at most); rows by name.</summary>
    private async Task<Dictionary<string, Row>> WaitForRowsAsync(Func<Dictionary<string, Row>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var status = await CliRunner.RunAsync(Work, "status", "--cluster", Cluster, "--json");
            Assert.True(status.ExitCode == 0, status.ToString());
            var rows = Parse(status.Output);
            if ((rows.ContainsKey("Steps.Held") && rows.ContainsKey("Steps.Quick") && done(rows)) || DateTime.UtcNow > deadline)
            {
                Assert.True(done(rows), status.ToString() + "\n" + _silo?.Log);
                return rows;
            }

            await Task.Delay(200);
        }
    }

    private static Dictionary<string, Row> Parse(string output)
    {
        using var json = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().Append(json.RootElement.GetProperty("total"));
        return rows.ToDictionary(r => r.GetProperty("name").GetString()!, r => new Row(
            r.GetProperty("ready").GetInt32(),
            r.GetProperty("running").GetInt32(),
            r.GetProperty("done").GetInt32(),
            r.TryGetProperty("meanSeconds", out var mean) ? mean.GetDouble() : null,
            r.TryGetProperty("maxSeconds", out var max) ? max.GetDouble() : null));
    }

    private sealed record Row(int Ready, int Running, int Done, double? Mean, double? Max);
}
