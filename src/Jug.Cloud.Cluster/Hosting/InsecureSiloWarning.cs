using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Jug.Cloud.Cluster.Hosting;

/// <summary>One warning when the silo starts reachable from other machines without TLS because it was told to (<see cref="JugCloudClusterOptions.Insecure"/>).</summary>
internal sealed partial class InsecureSiloWarning(
    IOptions<JugCloudClusterOptions> cluster,
    IOptions<EndpointOptions> endpoints,
    ILogger<InsecureSiloWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var address = endpoints.Value.AdvertisedIPAddress;
        if (cluster.Value.Insecure && cluster.Value.Tls is null && address is not null && !IPAddress.IsLoopback(address))
        {
            Log.Insecure(logger, address.ToString());
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "Insecure: this silo listens on {Address} without TLS; anyone who reaches it can run code on the cluster")]
        public static partial void Insecure(ILogger logger, string address);
    }
}
