using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Jug.Cloud.Cli.Tests.EndToEnd;
using Jug.Cloud.Stores.Tests.Integration;

namespace Jug.Cloud.Cli.Tests.Cluster;

/// <summary>
/// <c>jugcloud autoscale --metrics-port 0</c> against a cluster with no silo and no work: its decision
/// is served at <c>/metrics</c> behind its token, and an address beyond loopback without a token is
/// refused before anything starts. No graph: the gauges report the idle decision.
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Cluster")]
public sealed partial class AutoscaleMetricsTests : IAsyncLifetime, IDisposable
{
    private const string Token = "scrape-secret";

    private readonly TestServices _services = new();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-autoscale-metrics-");
    private readonly string _cluster = $"scale-metrics-{Guid.NewGuid().ToString("n")[..12]}";

    public Task InitializeAsync() => _services.InitializeAsync();

    public Task DisposeAsync() => _services.DisposeAsync();

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task The_autoscaler_serves_its_decision_at_metrics_to_a_scrape_with_its_token()
    {
        await using var autoscaler = await SiloProcess.StartAsync(_work.FullName, "autoscale", "Metrics at ",
        [
            "autoscale", "--cluster", $"{_services.Redis}?cluster={_cluster}", "--provider", "command", "--scale-command", ": {count}",
            "--min", "0", "--max", "2", "--interval", "1s", "--tags", "fpga", "--metrics-port", "0", "--metrics-token", Token,
        ]);
        var address = new Uri(MetricsLine().Match(autoscaler.ReadyLine).Groups[1].Value);
        Assert.Equal(IPAddress.Loopback.ToString(), address.Host);
        Assert.Equal("/metrics", address.AbsolutePath);

        using var http = new HttpClient();
        using (var refused = await http.GetAsync(address))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // The gauges appear with the first step (at once, then every second).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var text = "";
        while (!text.Contains("jugcloud_autoscaler_desired_silos", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        Assert.True(text.Contains("jugcloud_autoscaler_desired_silos", StringComparison.Ordinal), $"{text}\n--- autoscale\n{autoscaler.Log}");
        Assert.Contains("jugcloud_autoscaler_work", text, StringComparison.Ordinal);
        Assert.Contains("jugcloud_autoscaler_active_silos", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, text + autoscaler.Log, StringComparison.Ordinal);
        Assert.Contains("tagged [fpga] silos", autoscaler.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_beyond_loopback_without_a_token_are_refused_in_one_line()
    {
        var result = await CliRunner.RunAsync(_work.FullName,
            "autoscale", "--cluster", $"{_services.Redis}?cluster={_cluster}", "--provider", "command", "--scale-command", ": {count}",
            "--max", "2", "--metrics-port", "0", "--metrics-address", "0.0.0.0");

        Assert.True(result.ExitCode == 2, result.ToString());
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("--metrics-token", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Metrics at", result.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^Metrics at (\S+)$")]
    private static partial Regex MetricsLine();
}
