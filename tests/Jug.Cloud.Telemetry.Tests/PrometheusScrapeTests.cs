using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Jug.Cloud.Client;
using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Graph;
using Jug.Cloud.Hosting;
using Jug.Cloud.Stores.Tests.Integration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Telemetry.Tests;

/// <summary>
/// A real Prometheus (infra/prometheus.sh) scrapes /metrics of a silo hosted in a web app while it
/// runs a graph, and the figures are read back through Prometheus' query API.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PrometheusScrapeTests : IAsyncLifetime, IDisposable
{
    private readonly TestServices _services = new();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-metrics-");
    private readonly string _id = Guid.NewGuid().ToString("n")[..12];
    private readonly HttpClient _http = new();

    public Task InitializeAsync() => _services.InitializeAsync();

    public Task DisposeAsync() => _services.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _work.Delete(recursive: true);
    }

    [Fact]
    public async Task Prometheus_reads_a_running_clusters_task_counts_silos_and_counters()
    {
        var cluster = $"{_services.Redis}?cluster=metrics-{_id}";
        var jugdir = $"{_services.Redis}/1?prefix=metrics-{_id}:";
        var gate = Path.Combine(_work.FullName, "open");

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddJugCloudMetrics(o => o.SampleInterval = TimeSpan.FromMilliseconds(500));
        builder.Services.AddRedisStoreProvider().AddJugStore("results", jugdir);
        builder.Services.AddSingleton<IRunPlanReader, PackagePlanReader>();
        builder.Services.AddSingleton<IRunCodeLoader>(_ => new BundleCodeLoader(Path.Combine(_work.FullName, "bundles")));
        builder.UseOrleans(silo => silo
            .UseJugCloudCluster(cluster)
            .AddJugCloudWorkers(o =>
            {
                o.Name = "metrics-silo";
                o.Slots = 2;
                o.Store = "results";
            }));
        await using var app = builder.Build();
        app.MapJugCloudMetrics();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await app.StartAsync(timeout.Token);
        var prometheusState = Path.Combine(_work.FullName, "prometheus");
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            var prometheus = await StartPrometheusAsync(prometheusState, $"{address.Host}:{address.Port}", timeout.Token);

            var store = app.Services.GetRequiredService<IJugStores>().Get("results");
            var graph = Graph(20, gate);
            await using var client = await JugClient.ConnectAsync(cluster, store, jugdir, name: "metrics-test", cancellationToken: timeout.Token);
            var run = client.RunAsync(graph, cancellationToken: timeout.Token);

            // While the gate task holds the run open: 20 squares and their sum done, the gate running.
            await UntilAsync(prometheus, "sum(jugcloud_tasks{state=\"done\"})", v => v == 21, timeout.Token);
            await UntilAsync(prometheus, "sum(jugcloud_tasks{state=\"running\",name=~\".*Gate\"})", v => v == 1, timeout.Token);
            await UntilAsync(prometheus, "jugcloud_silos", v => v == 1, timeout.Token);
            await UntilAsync(prometheus, "jugcloud_slots", v => v == 2, timeout.Token);
            await UntilAsync(prometheus, "jugcloud_desired_silos", v => v >= 1, timeout.Token);

            await File.WriteAllTextAsync(gate, "", timeout.Token);
            var summary = await run;
            Assert.True(summary.Succeeded, summary.ToString());

            // The meter is the process's: other tests in this assembly record tasks of other names on it
            // (Prometheus anchors label regexes, hence the leading .*).
            await UntilAsync(prometheus, "sum(jugcloud_tasks_finished_total{name=~\".*MetricsTasks\\\\..*\"})", v => v == 22, timeout.Token);
            await UntilAsync(prometheus, "sum(jugcloud_task_duration_seconds_count{name=~\".*MetricsTasks\\\\..*\"})", v => v == 22, timeout.Token);
            await UntilAsync(prometheus, "sum(jugcloud_store_duration_seconds_count{provider=\"redis\",operation=\"put_many\"})", v => v >= 1, timeout.Token);
            // Orleans' own meter comes along.
            await UntilAsync(prometheus, "count({__name__=~\"orleans_.*\"})", v => v >= 1, timeout.Token);
        }
        finally
        {
            await RunScriptAsync("stop", prometheusState, null);
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static TaskGraph Graph(int count, string gate)
    {
        var context = new JugContext();
        using (context.Enter())
        {
            var squares = Enumerable.Range(1, count).Select(i => Jug.Task(MetricsTasks.Square, i)).ToList();
            Jug.Task(MetricsTasks.Sum, squares);
            Jug.Task(MetricsTasks.Gate, gate);
            return context.Graph;
        }
    }

    private static async Task<Uri> StartPrometheusAsync(string state, string target, CancellationToken cancellationToken)
    {
        var output = await RunScriptAsync("start", state, target);
        var line = output.Split('\n').Single(l => l.StartsWith("export JUGCLOUD_TEST_PROMETHEUS=", StringComparison.Ordinal));
        return new Uri(line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim());
    }

    private static async Task<string> RunScriptAsync(string command, string state, string? target)
    {
        var script = Path.Combine(TestServices.RepositoryRoot, "infra", "prometheus.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { script, command, "--state", state })
        {
            start.ArgumentList.Add(arg);
        }

        if (target is not null)
        {
            start.ArgumentList.Add("--target");
            start.ArgumentList.Add(target);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"prometheus.sh {command} failed: {await stderr}");
        return await stdout;
    }

    /// <summary>Polls the query API until <paramref name="query"/>'s single value satisfies <paramref name="expected"/>; each scrape (1 s) may change it.</summary>
    private async Task UntilAsync(Uri prometheus, string query, Func<double, bool> expected, CancellationToken cancellationToken)
    {
        double? last = null;
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            do
            {
                last = await QueryAsync(prometheus, query, cancellationToken);
                if (last is { } value && expected(value))
                {
                    return;
                }
            }
            while (await poll.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Fail($"Prometheus never answered {query} as expected; last answer: {last?.ToString(CultureInfo.InvariantCulture) ?? "no value"}");
    }

    private async Task<double?> QueryAsync(Uri prometheus, string query, CancellationToken cancellationToken)
    {
        var json = await _http.GetStringAsync(new Uri(prometheus, $"/api/v1/query?query={Uri.EscapeDataString(query)}"), cancellationToken);
        using var document = JsonDocument.Parse(json);
        var result = document.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 1
            ? double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)
            : null;
    }
}
