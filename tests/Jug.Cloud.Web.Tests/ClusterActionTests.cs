using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jug.Cloud.Client;
using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Grains;
using Jug.Cloud.Graph;
using Jug.Cloud.Web.Access;
using static Jug.Cloud.Jug;

namespace Jug.Cloud.Web.Tests;

/// <summary>
/// Two silos on a real Redis, one serving the cluster page: failures with their stack traces, retry,
/// cancel, the workers page — through the API.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ClusterActionTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));
    private TwoSiloCluster? _cluster;
    private HttpClient? _http;

    private TwoSiloCluster Cluster => _cluster!;

    private HttpClient Http => _http!;

    public async Task InitializeAsync()
    {
        _cluster = await TwoSiloCluster.StartAsync(_timeout.Token);
        _http = _cluster.Http();
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _timeout.Dispose();
    }

    [Fact]
    public async Task A_failed_task_shows_its_stack_trace_and_retry_runs_it_again_with_three_more_attempts()
    {
        TaskHandle<long>? failing = null;
        var graph = WebFixture.Build(() =>
        {
            _ = Enumerable.Range(1, 4).Select(i => Task(ClusterTasks.Square, (long)i)).ToList();
            failing = Task(ClusterTasks.AlwaysFails, 7L);
        });
        var summary = await Cluster.RunAsync(graph, "web-test", _timeout.Token);
        Assert.False(summary.Succeeded);

        var hash = failing!.Task.Hash;
        Assert.Equal(3, await Cluster.FailedAttemptsAsync(hash, _timeout.Token));

        var workers = await Http.GetStringAsync(new Uri("/api/workers", UriKind.Relative), _timeout.Token);
        Assert.Contains("\"silo-a\"", workers, StringComparison.Ordinal);
        Assert.Contains("\"silo-b\"", workers, StringComparison.Ordinal);

        var failures = await Http.GetStringAsync(new Uri("/api/failures", UriKind.Relative), _timeout.Token);
        Assert.Contains(hash.ToString(), failures, StringComparison.Ordinal);
        Assert.Contains("always fails 7", failures, StringComparison.Ordinal);
        Assert.Contains("ClusterTasks.AlwaysFails", failures, StringComparison.Ordinal);

        using var retried = await PostAsync("/api/actions/retry");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var outcome = (await retried.Content.ReadFromJsonAsync<JsonElement>(_timeout.Token)).GetProperty("summary").GetString()!;
        var retryRunId = Regex.Match(outcome, "run ([0-9a-f]{16}) runs them again").Groups[1].Value;
        Assert.NotEqual("", retryRunId);
        var over = await Cluster.WaitOverAsync(retryRunId, _timeout.Token);
        Assert.Equal(RunState.Failed, over.State);
        Assert.Equal(6, await Cluster.FailedAttemptsAsync(hash, _timeout.Token));

        var log = await Http.GetFromJsonAsync<JsonElement>(new Uri("/api/actions", UriKind.Relative), _timeout.Token);
        var record = Assert.Single(log.EnumerateArray());
        Assert.Equal("retry", record.GetProperty("action").GetString());
        Assert.True(record.GetProperty("succeeded").GetBoolean());
        Assert.Contains(retryRunId, record.GetProperty("outcome").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_stops_a_running_run_before_all_its_tasks_ran()
    {
        var graph = WebFixture.Build(() => _ = Enumerable.Range(0, 12).Select(i => Task(ClusterTasks.Nap, 1000L + i)).ToList());
        await using var store = Cluster.OpenJugdir();
        await using var client = await JugClient.ConnectAsync(Cluster.Cluster, store, Cluster.Jugdir, name: "web-cancel", cancellationToken: _timeout.Token);
        var running = client.RunAsync(graph, cancellationToken: _timeout.Token);

        // The registry lists a run once it is submitted and running.
        var registry = ClusterRegistry.Of(Cluster.Grains);
        var active = await registry.WatchRuns(0);
        while (active.Runs.Length == 0)
        {
            _timeout.Token.ThrowIfCancellationRequested();
            active = await registry.WatchRuns(active.Version);
        }

        var runId = active.Runs[0].RunId;
        using var cancelled = await PostAsync($"/api/actions/cancel?run={runId}");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var over = await Cluster.WaitOverAsync(runId, _timeout.Token);
        Assert.Equal(RunState.Stopped, over.State);
        Assert.True(over.Completed < 12, $"{over.Completed} of 12 tasks ran after the cancel.");
        await Record.ExceptionAsync(() => running);
    }

    private async Task<HttpResponseMessage> PostAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        request.Headers.Add(WebAccess.ActionHeader, "1");
        return await Http.SendAsync(request, _timeout.Token);
    }
}
