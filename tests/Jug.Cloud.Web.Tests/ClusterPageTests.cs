using System.Net;
using Jug.Cloud.Cluster;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Web.Access;
using Jug.Cloud.Web.Cluster;
using Jug.Cloud.Web.Hosting;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Web.Tests;

/// <summary>A silo serving the cluster page (<c>silo --web</c>), against a real Redis (JUGCLOUD_TEST_REDIS from infra/services.sh).</summary>
[Trait("Category", "Cluster")]
public sealed class ClusterPageTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-web-cluster-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task A_silo_page_lists_the_silo_and_serves_metrics_and_the_dashboard_behind_the_read_token()
    {
        var redis = Environment.GetEnvironmentVariable("JUGCLOUD_TEST_REDIS")
            ?? throw new InvalidOperationException("JUGCLOUD_TEST_REDIS is not set: eval the output of infra/services.sh start.");
        var silo = new ClusterSiloOptions
        {
            Cluster = ClusterAddress.Parse($"{redis}?cluster=web-{Guid.NewGuid():n}"),
            Worker = new SiloWorkerOptions { Name = "web-silo-1", Slots = 1, Jugdir = _work.CreateSubdirectory("jugdir").FullName },
            BundleCacheDirectory = _work.CreateSubdirectory("cache").FullName,
            LogLevel = LogLevel.Warning,
        };
        var web = new WebServerSettings { Access = o => (o.ReadToken, o.WriteToken) = ("read-secret", "write-secret") };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await ClusterWebServer.StartSiloAsync(
            silo, new ClusterWebSettings(web, _ => throw new InvalidOperationException("no run to read"), Path.Combine(_work.FullName, "cache")), timeout.Token);
        using var http = new HttpClient { BaseAddress = server.Address };

        foreach (var path in new[] { "/api/workers", "/metrics", "/orleans" })
        {
            using var anonymous = await http.GetAsync(new Uri(path, UriKind.Relative), timeout.Token);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        http.DefaultRequestHeaders.Add(WebAccess.TokenHeader, "read-secret");
        var workers = await http.GetStringAsync(new Uri("/api/workers", UriKind.Relative), timeout.Token);
        Assert.Contains("\"web-silo-1\"", workers, StringComparison.Ordinal);

        using var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("jugcloud_", await metrics.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);

        using var dashboard = await http.GetAsync(new Uri("/orleans", UriKind.Relative), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);

        // Reading is not acting: the read token may not cancel a run.
        using var cancel = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/actions/cancel", UriKind.Relative));
        cancel.Headers.Add(WebAccess.ActionHeader, "1");
        using var refused = await http.SendAsync(cancel, timeout.Token);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
