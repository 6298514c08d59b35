using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jug.Cloud.Cli.Tests.EndToEnd;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;
using Jug.Cloud.Stores.Tests.Integration;

namespace Jug.Cloud.Cli.Tests.Cluster;

/// <summary>
/// The status page's drain action on a real <c>jugcloud silo</c> process: it needs the write token,
/// and the drained silo hands back its work, finishes what runs and exits by itself, as on SIGTERM.
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Cluster")]
public sealed partial class WebDrainTests : IAsyncLifetime, IDisposable
{
    private const string ReadToken = "rd-5e1f0c7a93";
    private const string WriteToken = "wr-83d2b6e04f";

    private readonly TestServices _services = new();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-web-drain-");
    private readonly List<SiloProcess> _silos = [];
    private System.Diagnostics.Process? _submit;

    private string Work => _work.FullName;

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
    public async Task Drain_from_the_page_needs_the_write_token_and_the_silo_leaves_mid_run_with_no_task_run_twice()
    {
        var cluster = $"{_services.Redis}?cluster=web-drain-{Guid.NewGuid():n}";
        Jugfiles.Write(Work, ClusterJugfiles.PairedNaps);
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "status", "--short", "--jugdir", Jugdir)).ExitCode); // build once
        string[] withPage = ["silo", "--cluster", cluster, "--jugdir", Jugdir, "--slots", "2", "--name", "silo-a", "--cache-dir", Path.Combine(Work, "cache-silo-a"),
            "--web", "0", "--web-token", ReadToken, "--web-write-token", WriteToken];
        var paged = await SiloProcess.StartAsync(Work, "silo-a", "Status page at ", withPage);
        _silos.Add(paged);
        var page = Address().Match(paged.ReadyLine) is { Success: true } match ? new Uri(match.Value) : throw new InvalidOperationException($"No page address in '{paged.ReadyLine}'.");

        var submit = _submit = System.Diagnostics.Process.Start(CliRunner.StartInfo(Work, "submit", "--cluster", cluster, "--jugdir", Jugdir, "--wait", "--lease-timeout", "300"))!;
        var output = submit.StandardOutput.ReadToEndAsync();
        var errors = submit.StandardError.ReadToEndAsync();
        while (Directory.GetFiles(Work, "nap-ran-in-*").Length == 0)
        {
            // The message is built only once submit has ended: its output is complete only then.
            if (submit.HasExited)
            {
                Assert.Fail($"submit ended before the run started:\n{await output}\n{await errors}");
            }

            await Task.Delay(50);
        }

        var drained = await SiloProcess.StartAsync(Work, cluster, Jugdir, "silo-b");
        _silos.Add(drained);
        await using (var store = new StoreRegistry().AddFileStore().Open(Jugdir))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!await store.ListRunsAsync().AnyAsync(r => r.Worker == drained.Name))
            {
                Assert.True(DateTime.UtcNow < deadline, $"silo-b ran nothing within two minutes:\n{drained.Log}");
                await Task.Delay(100);
            }
        }

        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await DrainAsync(http, page, "silo-b", ReadToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DrainAsync(http, page, "silo-z", WriteToken)).StatusCode);
        using var answer = await DrainAsync(http, page, "silo-b", WriteToken);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{answer.StatusCode}: {body}");
        Assert.Contains("Silo silo-b drains", body, StringComparison.Ordinal);

        // Nobody signals silo-b: it leaves because the page asked it to.
        var exitCode = await drained.WaitForExitAsync(TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, $"silo-b exited with {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing in 2 min"}:\n{drained.Log}");
        Assert.Contains("asked to drain through the status page", drained.Log, StringComparison.Ordinal);
        Assert.Contains("Silo silo-b drained and left cluster", drained.Log, StringComparison.Ordinal);

        using (var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            await submit.WaitForExitAsync(deadline.Token);
        }

        Assert.True(submit.ExitCode == 0, $"{await output}\n{await errors}\n--- silo-a\n{paged.Log}\n--- silo-b\n{drained.Log}");
        await using (var store = new StoreRegistry().AddFileStore().Open(Jugdir))
        {
            var runs = await store.ListRunsAsync().ToListAsync();
            Assert.All(runs, r => Assert.True(r.Succeeded && r.Attempt == 1, $"{r.TaskName} {r.Key.ToShortString()} on {r.Worker}: attempt {r.Attempt}, succeeded {r.Succeeded}"));
            Assert.Equal(600, runs.Select(r => r.Key).Distinct().Count());
            var twice = runs.GroupBy(r => r.Key).Where(g => g.Count() > 1)
                .Select(g => $"{g.Key.ToShortString()} on {string.Join(", ", g.Select(r => $"{r.Worker} at {r.Started:HH:mm:ss.fff}"))}").ToList();
            Assert.True(twice.Count == 0, $"ran twice: {string.Join("; ", twice)}\n--- silo-a\n{paged.Log}\n--- silo-b\n{drained.Log}");
        }

        using var actions = new HttpRequestMessage(HttpMethod.Get, new Uri(page, "/api/actions"));
        actions.Headers.Add("X-JugCloud-Token", ReadToken);
        using var listed = await http.SendAsync(actions);
        var log = JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
            .Select(a => $"{a.GetProperty("action").GetString()} {a.GetProperty("target").GetString()} {a.GetProperty("succeeded").GetBoolean()}").ToList();
        Assert.Contains("drain worker silo-b True", log);
        Assert.Contains("drain worker silo-z False", log);
        Assert.DoesNotContain(WriteToken, paged.Log + drained.Log, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> DrainAsync(HttpClient http, Uri page, string worker, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(page, $"/api/actions/drain?worker={worker}"));
        request.Headers.Add("X-JugCloud-Token", token);
        request.Headers.Add("X-JugCloud-Action", "1");
        return await http.SendAsync(request);
    }

    [GeneratedRegex(@"https?://[^\s/]+/?")]
    private static partial Regex Address();
}
