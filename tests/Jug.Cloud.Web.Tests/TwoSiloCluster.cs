using Jug.Cloud.Client;
using Jug.Cloud.Cluster;
using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Grains;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Graph;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;
using Jug.Cloud.Web.Access;
using Jug.Cloud.Web.Cluster;
using Jug.Cloud.Web.Hosting;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Web.Tests;

/// <summary>
/// Two silos on a real Redis (JUGCLOUD_TEST_REDIS from infra/services.sh), the first serving the
/// cluster page with a read token and a write token, and a file jugdir both use.
/// </summary>
public sealed class TwoSiloCluster : IAsyncDisposable
{
    /// <summary>The token that reads the page.</summary>
    public const string ReadToken = "read-secret";

    /// <summary>The token that acts on the page.</summary>
    public const string WriteToken = "write-secret";

    private readonly DirectoryInfo _work;
    private readonly StoreRegistry _stores = new StoreRegistry().AddFileStore();
    private ClusterWebServer? _page;
    private ClusterSilo? _second;

    private TwoSiloCluster(DirectoryInfo work, string cluster)
    {
        _work = work;
        Cluster = cluster;
        Jugdir = work.CreateSubdirectory("jugdir").FullName;
    }

    /// <summary>The cluster's address.</summary>
    public string Cluster { get; }

    /// <summary>The jugdir runs store their results in.</summary>
    public string Jugdir { get; }

    /// <summary>The page of the first silo.</summary>
    public Uri Page => _page!.Address;

    /// <summary>The grains of the cluster, through the first silo.</summary>
    public IGrainFactory Grains => _page!.Silo!.Grains;

    /// <summary>Starts silo-a (serving the page) and silo-b, one slot each.</summary>
    public static async Task<TwoSiloCluster> StartAsync(CancellationToken cancellationToken)
    {
        var redis = Environment.GetEnvironmentVariable("JUGCLOUD_TEST_REDIS")
            ?? throw new InvalidOperationException("JUGCLOUD_TEST_REDIS is not set: eval the output of infra/services.sh start.");
        var cluster = new TwoSiloCluster(Directory.CreateTempSubdirectory("jugcloud-web-cluster-"), $"{redis}?cluster=web-{Guid.NewGuid():n}");
        try
        {
            var web = new WebServerSettings { Access = o => (o.ReadToken, o.WriteToken) = (ReadToken, WriteToken) };
            cluster._page = await ClusterWebServer.StartSiloAsync(
                cluster.SiloOptions("silo-a"),
                new ClusterWebSettings(web, uri => cluster._stores.Open(uri), Path.Combine(cluster._work.FullName, "page-cache")),
                cancellationToken);
            cluster._second = await ClusterSilo.StartAsync(cluster.SiloOptions("silo-b"), cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The jugdir, opened.</summary>
    public IJugStore OpenJugdir() => _stores.Open(Jugdir);

    /// <summary>Runs <paramref name="graph"/> on the cluster to its end, failures kept going past.</summary>
    public async Task<ExecutionSummary> RunAsync(TaskGraph graph, string name, CancellationToken cancellationToken)
    {
        await using var store = OpenJugdir();
        await using var client = await JugClient.ConnectAsync(
            Cluster, store, Jugdir, new ClusterRunOptions { KeepGoing = true, RetryDelay = TimeSpan.FromMilliseconds(10) }, name, cancellationToken);
        return await client.RunAsync(graph, cancellationToken: cancellationToken);
    }

    /// <summary>Follows the run grain's long poll until the run is over.</summary>
    public async Task<RunInfo> WaitOverAsync(string runId, CancellationToken cancellationToken)
    {
        var grain = Grains.GetGrain<IRunGrain>(runId);
        var info = await grain.WaitOver();
        while (!info.IsOver)
        {
            cancellationToken.ThrowIfCancellationRequested();
            info = await grain.WaitOver();
        }

        return info;
    }

    /// <summary>Failed attempts of <paramref name="hash"/> in the jugdir's run log.</summary>
    public async Task<int> FailedAttemptsAsync(TaskHash hash, CancellationToken cancellationToken)
    {
        await using var store = OpenJugdir();
        return await store.ListRunsAsync(cancellationToken).CountAsync(r => r.Key == hash && !r.Succeeded, cancellationToken);
    }

    /// <summary>An HTTP client for the page, sending the write token.</summary>
    public HttpClient Http()
    {
        var http = new HttpClient { BaseAddress = Page };
        http.DefaultRequestHeaders.Add(WebAccess.TokenHeader, WriteToken);
        return http;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        if (_page is not null)
        {
            await _page.DisposeAsync();
        }

        _work.Delete(recursive: true);
    }

    private ClusterSiloOptions SiloOptions(string name) => new()
    {
        Cluster = ClusterAddress.Parse(Cluster),
        Worker = new SiloWorkerOptions { Name = name, Slots = 1, Jugdir = Jugdir },
        OpenStore = uri => _stores.Open(uri),
        BundleCacheDirectory = Path.Combine(_work.FullName, "cache-" + name),
        LogLevel = LogLevel.Warning,
    };
}
