using Jug.Cloud.Cluster.Workers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jug.Cloud.Hosting.Tests;

/// <summary>A silo's Jug.Cloud settings are checked when its host starts, before anything joins a cluster.</summary>
[Trait("Category", "Unit")]
public sealed class SiloHostingTests : IDisposable
{
    private readonly DirectoryInfo _bundles = Directory.CreateTempSubdirectory("jugcloud-hosting-bundles-");

    public void Dispose() => _bundles.Delete(recursive: true);

    [Fact]
    public async Task Bad_worker_options_fail_start_up_naming_each_bad_property()
    {
        var message = await StartupMessageAsync(
            services => services.AddSingleton<IRunCodeLoader>(_ => new BundleCodeLoader(_bundles.FullName)),
            silo => silo.UseJugCloudCluster("redis://127.0.0.1:1?cluster=never").AddJugCloudWorkers(o =>
            {
                o.Slots = 0;
                o.Store = "nope";
            }));

        Assert.Contains("JugCloudWorkerOptions: Slots is 0; it must be at least 1.", message, StringComparison.Ordinal);
        Assert.Contains("JugCloudWorkerOptions: Store 'nope' is not a registered store (registered: results).", message, StringComparison.Ordinal);
        Assert.DoesNotContain("JugCloudClusterOptions", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_cluster_address_and_a_missing_code_loader_fail_start_up_naming_them_without_the_password()
    {
        var message = await StartupMessageAsync(
            _ => { },
            silo => silo.UseJugCloudCluster("s3://jug:hunter2@127.0.0.1:1").AddJugCloudWorkers(o => o.Store = "results"));

        Assert.Contains("JugCloudClusterOptions: Redis is not a cluster address", message, StringComparison.Ordinal);
        Assert.Contains("JugCloudWorkerOptions: no IRunCodeLoader service is registered", message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
    }

    private static async Task<string> StartupMessageAsync(Action<IServiceCollection> services, Action<ISiloBuilder> silo)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddMemoryStoreProvider().AddJugStore("results", "memory:");
        builder.Services.AddSingleton<IRunPlanReader, PackagePlanReader>();
        services(builder.Services);
        builder.UseOrleans(silo);
        await using var app = builder.Build();
        return await StartupFailure.MessageOfAsync(() => app.StartAsync());
    }
}
