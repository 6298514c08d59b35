using System.Net;
using Jug.Cloud.Cluster.Workers;
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
    public static async Task<ClusterSilo> StartAsync(ClusterSiloOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
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
            builder.Services.AddSingleton<IRunCodeLoader>(_ => new BundleCodeLoader(options.BundleCacheDirectory ?? BundleCodeLoader.DefaultCacheDirectory));
        }

        builder.UseOrleans(silo => silo
            .UseJugCloudCluster(o =>
            {
                o.Redis = options.Cluster.Original;
                o.AdvertisedAddress = options.Address;
                o.SiloPort = options.SiloPort;
                o.GatewayPort = options.GatewayPort;
            })
            .AddJugCloudWorkers(o =>
            {
                o.Name = options.Worker.Name;
                o.Slots = options.Worker.Slots;
                o.Tags = options.Worker.Tags;
                o.Jugdir = options.Worker.Jugdir;
                o.ResultCacheBytes = options.Worker.ResultCacheBytes;
            }));
        var host = builder.Build();
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

    /// <summary>Stops the worker service (running tasks finish and are stored) and leaves the cluster.</summary>
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
