using Jug.Cloud.Client;
using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Graph;
using Jug.Cloud.Stores.Tests.Integration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Hosting.Tests;

/// <summary>A silo hosted inside a plain ASP.NET Core app with the hosting extensions, running a graph end to end.</summary>
[Trait("Category", "Cluster")]
public sealed class WebAppSiloTests : IAsyncLifetime, IDisposable
{
    private readonly TestServices _services = new();
    private readonly DirectoryInfo _bundles = Directory.CreateTempSubdirectory("jugcloud-hosting-bundles-");
    private readonly string _id = Guid.NewGuid().ToString("n")[..12];

    public Task InitializeAsync() => _services.InitializeAsync();

    public Task DisposeAsync() => _services.DisposeAsync();

    public void Dispose() => _bundles.Delete(recursive: true);

    [Fact]
    public async Task A_silo_in_a_web_app_runs_a_graph_and_stores_every_result_in_the_named_store()
    {
        var cluster = $"{_services.Redis}?cluster=hosting-{_id}";
        var jugdir = $"{_services.Redis}/1?prefix=hosting-{_id}:";

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRedisStoreProvider().AddJugStore("results", jugdir);
        builder.Services.AddSingleton<IRunPlanReader, PackagePlanReader>();
        builder.Services.AddSingleton<IRunCodeLoader>(_ => new BundleCodeLoader(_bundles.FullName));
        builder.UseOrleans(silo => silo
            .UseJugCloudCluster(cluster)
            .AddJugCloudWorkers(o =>
            {
                o.Name = "web-silo";
                o.Slots = 2;
                o.Store = "results";
            }));
        await using var app = builder.Build();
        app.MapGet("/stores", (IJugStores stores) => string.Join(",", stores.Names));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await app.StartAsync(timeout.Token);
        try
        {
            // The web side of the app still serves, with the stores in its services.
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var http = new HttpClient();
            Assert.Equal("results", await http.GetStringAsync(new Uri(new Uri(address), "/stores"), timeout.Token));

            var store = app.Services.GetRequiredService<IJugStores>().Get("results");
            var (graph, total) = SumOfSquares(20);
            await using var client = await JugClient.ConnectAsync(cluster, store, jugdir, name: "hosting-test", cancellationToken: timeout.Token);
            var summary = await client.RunAsync(graph, cancellationToken: timeout.Token);

            Assert.True(summary.Succeeded, summary.ToString());
            Assert.Equal(21, summary.Executed);
            Assert.Equal(Enumerable.Range(1, 20).Sum(i => i * i), await client.ReadAsync(total, timeout.Token));
            Assert.Equal(21, await store.ListAsync(timeout.Token).CountAsync(timeout.Token));
            var runs = await store.ListRunsAsync(timeout.Token).ToListAsync(timeout.Token);
            Assert.Equal(21, runs.Count(r => r.Succeeded));
            Assert.All(runs, r => Assert.Equal("web-silo", r.Worker));
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static (TaskGraph Graph, TaskHandle<int> Total) SumOfSquares(int count)
    {
        var context = new JugContext();
        using (context.Enter())
        {
            var squares = Enumerable.Range(1, count).Select(i => Jug.Task(HostedTasks.Square, i)).ToList();
            var total = Jug.Task(HostedTasks.Sum, squares);
            return (context.Graph, total);
        }
    }
}
