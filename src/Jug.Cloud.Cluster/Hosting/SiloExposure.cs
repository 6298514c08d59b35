using System.Net;

namespace Jug.Cloud.Cluster.Hosting;

/// <summary>
/// Whether a silo is reachable from other machines, and whether it may be without TLS: a silo that
/// listens beyond loopback with no authentication lets anyone who reaches it submit code the cluster
/// runs, so it starts only with mutual TLS (<see cref="JugCloudClusterOptions.Tls"/>) or when told that this is accepted (<see cref="JugCloudClusterOptions.Insecure"/>).
/// </summary>
internal static class SiloExposure
{
    /// <summary>True unless the silo advertises a loopback address, or advertises none and its cluster's Redis is on loopback (then it takes loopback too).</summary>
    public static bool BeyondLoopback(JugCloudClusterOptions options, ClusterAddress cluster) =>
        options.AdvertisedAddress is { } address ? !IPAddress.IsLoopback(address) : !cluster.IsLoopback;

    /// <summary>Why the silo must not start as configured, or null if it may.</summary>
    public static string? Refusal(JugCloudClusterOptions options, ClusterAddress cluster)
    {
        if (!BeyondLoopback(options, cluster) || options.Insecure || options.Tls is not null)
        {
            return null;
        }

        var where = options.AdvertisedAddress?.ToString() ?? "this machine's outward address";
        return $"{nameof(JugCloudClusterOptions)}: the silo would listen on {where} without TLS, so anyone who reaches it could run code on the cluster; "
            + $"give it a certificate and the fleet CA ({nameof(JugCloudClusterOptions.Tls)}: jugcloud silo --tls-cert and --tls-ca), set {nameof(JugCloudClusterOptions.Insecure)} (--insecure) to accept that, or bind it to loopback.";
    }
}
