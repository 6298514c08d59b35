using System.Net;
using Jug.Cloud.Cluster.Security;
using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Cluster.Hosting;

/// <summary>How to start a worker silo.</summary>
public sealed record ClusterSiloOptions
{
    /// <summary>The cluster to join.</summary>
    public required ClusterAddress Cluster { get; init; }

    /// <summary>What the silo offers runs: name, slots, tags, default jugdir.</summary>
    public required SiloWorkerOptions Worker { get; init; }

    /// <summary>
    /// Opens a store URI (the caller knows the providers); null to open through the providers that
    /// <see cref="Services"/> registers (<c>AddRedisStoreProvider()</c>…), which log through the silo's logging.
    /// </summary>
    public Func<string, IJugStore>? OpenStore { get; init; }

    /// <summary>Adds to the silo host's services, such as the store providers runs need.</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>Reads a run's package as a plan (default: <see cref="PackagePlanReader"/>).</summary>
    public IRunPlanReader? Plans { get; init; }

    /// <summary>Loads a run's code on this silo (default: a <see cref="BundleCodeLoader"/> over <see cref="BundleCacheDirectory"/>, disposed with the silo).</summary>
    public IRunCodeLoader? Code { get; init; }

    /// <summary>Where the default code loader unpacks bundles (default: <see cref="BundleCodeLoader.DefaultCacheDirectory"/>).</summary>
    public string? BundleCacheDirectory { get; init; }

    /// <summary>
    /// The fleet's public key (a PEM file, <c>jugcloud key create</c>): with it, the default code loader
    /// loads only bundles whose ids carry that key's signature. Bundles are checked against their ids either way.
    /// </summary>
    public string? TrustKeyFile { get; init; }

    /// <summary>The address other silos and clients reach this one at; loopback for a cluster whose Redis is on loopback, else this machine's outward address.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>Mutual TLS with the fleet's certificates; see <see cref="JugCloudClusterOptions.Tls"/>.</summary>
    public ClusterTlsOptions? Tls { get; init; }

    /// <summary>Lets the silo start on an address other machines reach without TLS; see <see cref="JugCloudClusterOptions.Insecure"/>.</summary>
    public bool Insecure { get; init; }

    /// <summary>Silo-to-silo port; 0 picks a free one.</summary>
    public int SiloPort { get; init; }

    /// <summary>Client gateway port; 0 picks a free one.</summary>
    public int GatewayPort { get; init; }

    /// <summary>More silo settings, applied after Jug.Cloud's (the web host adds Orleans' dashboard here).</summary>
    public Action<Orleans.Hosting.ISiloBuilder>? Silo { get; init; }

    /// <summary>Logs below this level are dropped.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;
}
