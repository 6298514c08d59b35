using System.Net;
using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Packaging.Trust;
using Jug.Cloud.Runtime.Hosting.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Jug.Cloud.Cluster.Hosting;

/// <summary>
/// A worker silo in a host of its own (<c>jugcloud silo</c>, the bench): joins the cluster through
/// Orleans' Redis membership, keeps run state in Redis grain storage, hosts a share of the runs' shard
/// and dispatcher grains, and runs tasks on its slots. It is configured through
/// <see cref="Orleans.Hosting.JugCloudSiloBuilderExtensions"/>, as a silo in a user's own app is.
/// </summary>
public sealed class ClusterSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterSilo(IHost host, IPEndPoint gateway)
    {
        _host = host;
        Gateway = gateway;
    }

    /// <summary>Where clients can reach this silo.</summary>
    public IPEndPoint Gateway { get; }

    /// <summary>Grain access inside the silo.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts a silo and its worker service.</summary>
    /// <exception cref="OptionsValidationException">A setting is invalid (the message names it).</exception>
    /// <exception cref="ClusterUnavailableException">The cluster's Redis does not answer.</exception>
    public static async Task<ClusterSilo> StartAsync(ClusterSiloOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await ClusterRedisProbe.ActiveSilosAsync(options.Cluster, cancellationToken);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Configure(builder, options);
        return await StartAsync(builder.Build(), cancellationToken);
    }

    /// <summary>
    /// Configures a silo and its worker service in <paramref name="builder"/>, which may be a web
    /// application's (a silo serving a page): logging, stores, plan reader, code loader, Orleans.
    /// Start the built host with <see cref="StartAsync(IHost, CancellationToken)"/>.
    /// </summary>
    public static void Configure(IHostApplicationBuilder builder, ClusterSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        // Stack traces only with --verbose (Debug): a peer that dies otherwise fills every log with them.
        builder.Logging.AddJugCloudConsole(options.LogLevel, LogLevel.Warning, stackTraces: options.LogLevel <= LogLevel.Debug);
        // Room for the drain, then for Orleans to leave the membership and deactivate its grains.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.Worker.DrainTimeout + TimeSpan.FromSeconds(30));
        options.Services?.Invoke(builder.Services);
        if (options.OpenStore is { } open)
        {
            builder.Services.AddSingleton(new ClusterStores(open));
        }

        builder.Services.AddSingleton(options.Plans ?? new PackagePlanReader());
        if (options.Code is { } code)
        {
            builder.Services.AddSingleton(code);
        }
        else
        {
            // Created by the container, so disposed (its bundles' load contexts let go) with the host.
            builder.Services.AddSingleton(options.TrustKeyFile is { } keyFile ? BundleTrust.FromPublicKeyFile(keyFile) : BundleTrust.ContentOnly);
            builder.Services.AddSingleton<IRunCodeLoader>(services => new BundleCodeLoader(
                options.BundleCacheDirectory ?? BundleCodeLoader.DefaultCacheDirectory, services.GetRequiredService<BundleTrust>()));
        }

        builder.UseOrleans(silo => silo
            .UseJugCloudCluster(o =>
            {
                o.Redis = options.Cluster.Original;
                o.AdvertisedAddress = options.Address;
                o.SiloPort = options.SiloPort;
                o.GatewayPort = options.GatewayPort;
                o.Insecure = options.Insecure;
                o.Tls = options.Tls;
            })
            .AddJugCloudWorkers(o =>
            {
                o.Name = options.Worker.Name;
                o.Slots = options.Worker.Slots;
                o.Tags = options.Worker.Tags;
                o.Jugdir = options.Worker.Jugdir;
                o.ResultCacheBytes = options.Worker.ResultCacheBytes;
                o.DrainTimeout = options.Worker.DrainTimeout;
            }));
        if (options.Silo is { } extra)
        {
            builder.UseOrleans(extra);
        }
    }

    /// <summary>Starts <paramref name="host"/>, built from a builder <see cref="Configure"/> set up; the silo owns it from here.</summary>
    /// <exception cref="OptionsValidationException">A setting is invalid (the message names it).</exception>
    public static async Task<ClusterSilo> StartAsync(IHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            await DisposeHostAsync(host);
            throw;
        }

        var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        return new ClusterSilo(host, new IPEndPoint(endpoints.AdvertisedIPAddress, endpoints.GatewayPort));
    }

    /// <summary>
    /// Drains the silo without leaving the cluster: it takes no more work, hands back what it fetched
    /// and has not started, and finishes what it runs (see <see cref="ClusterWorkerService.DrainAsync"/>).
    /// </summary>
    public Task DrainAsync() => _host.Services.GetRequiredService<ClusterWorkerService>().DrainAsync();

    /// <summary>
    /// Cancelled when the cluster was asked to drain this silo (the status page's drain action): the
    /// silo has stopped taking work; dispose it to finish the drain and leave, as on SIGTERM.
    /// </summary>
    public CancellationToken DrainRequested => _host.Services.GetRequiredService<ClusterWorkerService>().DrainRequested;

    /// <summary>Drains the worker service (running tasks finish and are stored) and leaves the cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);

        // A ClusterStores the caller's OpenStore made was given as an instance, which the host does not dispose.
        await _host.Services.GetRequiredService<ClusterStores>().DisposeAsync();
        await DisposeHostAsync(_host);
    }

    private static async ValueTask DisposeHostAsync(IHost host)
    {
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }
}
