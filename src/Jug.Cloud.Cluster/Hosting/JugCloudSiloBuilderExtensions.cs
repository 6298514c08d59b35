using System.Net;
using System.Net.Sockets;
using Jug.Cloud.Cluster;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Hosting;
using Jug.Cloud.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;

// Orleans' namespace for silo builder extensions (UseRedisClustering, AddRedisGrainStorage…).
namespace Orleans.Hosting;

/// <summary>Makes an Orleans silo a Jug.Cloud cluster silo, in any host (a worker service, an ASP.NET Core app).</summary>
public static class JugCloudSiloBuilderExtensions
{
    /// <summary>
    /// Joins the Jug.Cloud cluster whose Redis is <paramref name="redis"/>
    /// (<c>redis://host:port?cluster=NAME</c>): Orleans' Redis membership, and the Redis grain storage
    /// the run and registry grains keep their state in. The host registers an <see cref="IRunPlanReader"/>.
    /// </summary>
    /// <param name="silo">The silo.</param>
    /// <param name="redis">The cluster's address; see <see cref="JugCloudClusterOptions.Redis"/>.</param>
    public static ISiloBuilder UseJugCloudCluster(this ISiloBuilder silo, string redis) =>
        silo.UseJugCloudCluster(o => o.Redis = redis);

    /// <summary>Joins a Jug.Cloud cluster with the settings <paramref name="configure"/> gives; they are validated when the host starts.</summary>
    /// <param name="silo">The silo.</param>
    /// <param name="configure">Sets the cluster's address, this silo's advertised address and ports.</param>
    public static ISiloBuilder UseJugCloudCluster(this ISiloBuilder silo, Action<JugCloudClusterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configure);
        var services = silo.Services;
        services.AddOptions<JugCloudClusterOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JugCloudClusterOptions>, JugCloudClusterOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, InsecureSiloWarning>());

        // Before the Redis providers' own checks, which would otherwise report a bad address first.
        services.AddSingleton<IConfigurationValidator, JugCloudConfigurationValidator>();

        // Orleans' options are derived from ours when Orleans first reads them. That is while the host
        // creates its hosted services, before it validates options at start; so an invalid value is
        // skipped here and reported by that validation, with every other one.
        silo.UseRedisClustering(_ => { });
        services.AddOptions<RedisClusteringOptions>().Configure<IOptions<JugCloudClusterOptions>>((redis, cluster) =>
        {
            if (Address(cluster) is { } address)
            {
                redis.ConfigurationOptions = address.Redis.Clone();
            }
        });

        // The strongly consistent grain directory: with Orleans' default, eventually consistent one, a
        // silo joining or leaving mid-run could briefly give a run's shard a second, empty activation,
        // which ends the epoch and runs the tasks running at that moment a second time.
#pragma warning disable ORLEANSEXP003 // Experimental in Orleans 10; every silo of a cluster must use it.
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003

        // Binary state through the types' [Alias] names: JSON would embed .NET type names, which a
        // rename or a new version breaks.
        silo.AddRedisGrainStorage(ClusterStorage.Name, storage => storage.Configure<IServiceProvider>((o, provider) =>
        {
            o.ConfigurationOptions = Address(provider.GetRequiredService<IOptions<JugCloudClusterOptions>>())?.Redis.Clone();
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(provider.GetRequiredService<Serializer>());
        }));
        services.AddOptions<ClusterOptions>().Configure<IOptions<JugCloudClusterOptions>>((o, cluster) =>
        {
            if (Address(cluster) is { } address)
            {
                o.ClusterId = address.ClusterId;
                o.ServiceId = o.ClusterId;
            }
        });
        services.AddOptions<EndpointOptions>().Configure<IOptions<JugCloudClusterOptions>>((o, cluster) =>
        {
            if (Valid(cluster) is { } valid)
            {
                ConfigureEndpoints(o, valid);
            }
        });

        ConfigureTls(services);

        // Run grains open the stores their runs name.
        services.AddJugStores();
        services.TryAddSingleton(provider =>
        {
            var registry = provider.GetRequiredService<StoreRegistry>();
            return new ClusterStores(uri => registry.Open(uri));
        });
        return silo;
    }

    /// <summary>
    /// Runs the cluster's tasks on this silo: a worker service that follows the cluster's runs and runs
    /// each one's tasks on the silo's slots. The host registers an <see cref="IRunCodeLoader"/>.
    /// </summary>
    /// <param name="silo">The silo.</param>
    /// <param name="configure">Sets the silo's name, slots, tags and default store; validated when the host starts.</param>
    public static ISiloBuilder AddJugCloudWorkers(this ISiloBuilder silo, Action<JugCloudWorkerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configure);
        var services = silo.Services;
        services.AddJugStores();
        services.AddOptions<JugCloudWorkerOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JugCloudWorkerOptions>, JugCloudWorkerOptionsValidator>());
        services.AddOptions<SiloOptions>().Configure<IOptions<JugCloudWorkerOptions>>((o, workers) =>
        {
            // Read by Orleans before start-up validation (see UseJugCloudCluster).
            if (Valid(workers) is { } valid)
            {
                o.SiloName = valid.Name;
            }
        });
        services.TryAddSingleton(provider => WorkerSettings(
            provider.GetRequiredService<IOptions<JugCloudWorkerOptions>>().Value,
            provider.GetRequiredService<IOptionsMonitor<JugStoreOptions>>()));
        services.TryAddSingleton<ClusterWorkerService>();
        services.AddHostedService<ClusterWorkerHost>();
        return silo;
    }

    /// <summary>
    /// Mutual TLS on the silo's inbound (silo and gateway) and outbound connections when the options
    /// ask for it, as Orleans' <c>UseTls</c> sets it up, from options read when Orleans first needs them.
    /// </summary>
    private static void ConfigureTls(IServiceCollection services)
    {
        services.TryAddSingleton(provider => new SiloTls(provider.GetRequiredService<IOptions<JugCloudClusterOptions>>()));
        services.AddOptions<SiloConnectionOptions>().Configure<SiloTls>((connections, tls) =>
        {
            if (tls.Credentials is not { } credentials)
            {
                return;
            }

            var options = new TlsOptions();
            credentials.Apply(options);
            connections.ConfigureSiloInboundConnection(connection => connection.UseServerTls(options));
            connections.ConfigureGatewayInboundConnection(connection => connection.UseServerTls(options));
            connections.ConfigureSiloOutboundConnection(connection => connection.UseClientTls(options));
        });
    }

    private static SiloWorkerOptions WorkerSettings(JugCloudWorkerOptions options, IOptionsMonitor<JugStoreOptions> stores)
    {
        string jugdir;
        if (options.Store is { } name)
        {
            var store = stores.Get(name);
            var location = StoreLocation.Parse(store.Uri!, store.BaseDirectory);

            // Every silo must resolve the jugdir the same way: a path is made absolute here.
            jugdir = location.Scheme == "file" && location.Path is { } path ? path : store.Uri!;
        }
        else
        {
            jugdir = options.Jugdir!;
        }

        return new SiloWorkerOptions
        {
            Name = options.Name,
            Slots = options.Slots,
            Tags = [.. options.Tags],
            Jugdir = jugdir,
            ResultCacheBytes = options.ResultCacheBytes,
            DrainTimeout = options.DrainTimeout,
        };
    }

    /// <summary>The cluster's address, or null if the options are invalid (start-up validation says why).</summary>
    private static ClusterAddress? Address(IOptions<JugCloudClusterOptions> options) =>
        Valid(options) is { } valid ? ClusterAddress.Parse(valid.Redis!) : null;

    /// <summary>The options, or null if they are invalid (start-up validation says why).</summary>
    private static T? Valid<T>(IOptions<T> options)
        where T : class
    {
        try
        {
            return options.Value;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }

    private static void ConfigureEndpoints(EndpointOptions endpoints, JugCloudClusterOptions options)
    {
        var cluster = ClusterAddress.Parse(options.Redis!);
        var address = options.AdvertisedAddress ?? (cluster.IsLoopback ? IPAddress.Loopback : OutwardAddress(cluster.Host));
        endpoints.AdvertisedIPAddress = address;
        endpoints.SiloPort = options.SiloPort > 0 ? options.SiloPort : FreePort(address);
        endpoints.GatewayPort = options.GatewayPort > 0 ? options.GatewayPort : FreePort(address);
        if (!IPAddress.IsLoopback(address))
        {
            endpoints.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, endpoints.SiloPort);
            endpoints.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, endpoints.GatewayPort);
        }
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
