using System.Net;
using System.Net.Sockets;
using Jug.Cloud.Cluster.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Jug.Cloud.Cluster.Hosting;

/// <summary>
/// A worker silo: joins the cluster through Orleans' Redis membership, keeps run state in Redis grain
/// storage, hosts a share of the runs' shard and dispatcher grains, and runs tasks on its slots.
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
    public static async Task<ClusterSilo> StartAsync(ClusterSiloOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cluster = options.Cluster;
        var address = options.Address ?? (cluster.IsLoopback ? IPAddress.Loopback : OutwardAddress(cluster.Host));
        var siloPort = options.SiloPort > 0 ? options.SiloPort : FreePort(address);
        var gatewayPort = options.GatewayPort > 0 ? options.GatewayPort : FreePort(address);

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
        builder.UseOrleans(silo =>
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = cluster.Redis.Clone());
            // Binary state through the types' [Alias] names: JSON would embed .NET type names, which a
            // rename or a new version breaks.
            silo.AddRedisGrainStorage(ClusterStorage.Name, options => options.Configure<IServiceProvider>((o, services) =>
            {
                o.ConfigurationOptions = cluster.Redis.Clone();
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
            }));
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ClusterId;
            });
            silo.Configure<SiloOptions>(o => o.SiloName = options.Worker.Name);
            silo.ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
        });
        builder.Services.AddSingleton(new ClusterStores(options.OpenStore));
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

        builder.Services.AddSingleton(options.Worker);
        builder.Services.AddHostedService<ClusterWorkerService>();
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new ClusterSilo(host, new IPEndPoint(address, gatewayPort));
    }

    /// <summary>Stops the worker service (running tasks finish and are stored) and leaves the cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        await _host.Services.GetRequiredService<ClusterStores>().DisposeAsync();
        _host.Dispose();
    }

    /// <summary>The local address this machine uses to reach <paramref name="host"/>: what other machines can reach it at.</summary>
    private static IPAddress OutwardAddress(string host)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var target = IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        socket.Connect(target, 6379);
        return ((IPEndPoint)socket.LocalEndPoint!).Address;
    }

    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
