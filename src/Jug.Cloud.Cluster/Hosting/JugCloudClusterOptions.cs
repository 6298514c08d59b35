using System.Net;
using Jug.Cloud.Cluster.Security;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Cluster.Hosting;

/// <summary>Where a silo meets its cluster (<c>UseJugCloudCluster</c>); validated when the host starts.</summary>
public sealed class JugCloudClusterOptions
{
    /// <summary>
    /// The cluster's Redis: <c>redis://[user:password@]host[:port][/db][?cluster=NAME]</c>. It holds
    /// Orleans' membership table and the run and registry grains' state; the cluster's name is
    /// <c>jugcloud</c> unless the URI says. It may hold a password: it is never logged or shown as given.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>The address other silos and clients reach this one at; null for loopback when Redis is on loopback, else this machine's outward address.</summary>
    public IPAddress? AdvertisedAddress { get; set; }

    /// <summary>Silo-to-silo port; 0 picks a free one.</summary>
    public int SiloPort { get; set; }

    /// <summary>Client gateway port; 0 picks a free one.</summary>
    public int GatewayPort { get; set; }

    /// <summary>
    /// Mutual TLS on every silo-to-silo and client-to-gateway connection (this silo's certificate and
    /// the fleet CA); null for none. With it, the silo may listen beyond loopback without <see cref="Insecure"/>.
    /// </summary>
    public ClusterTlsOptions? Tls { get; set; }

    /// <summary>
    /// Lets the silo start reachable from other machines without TLS (it then warns once). Without it,
    /// such a silo refuses to start: anyone who reaches its ports could submit code the cluster runs.
    /// </summary>
    public bool Insecure { get; set; }

    /// <summary>The settings, the Redis address without its password.</summary>
    public override string ToString() =>
        $"Redis={(Redis is null ? "(none)" : StoreLocation.RedactText(Redis))}, AdvertisedAddress={AdvertisedAddress?.ToString() ?? "(default)"}, SiloPort={SiloPort}, GatewayPort={GatewayPort}, Tls={(Tls is null ? "(none)" : Tls.ToString())}, Insecure={Insecure}";
}
