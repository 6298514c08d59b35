using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Jug.Cloud.Cluster.Hosting;

/// <summary>A client's connection to a cluster: finds the silos' gateways in the Redis membership table.</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterConnection(IHost host, ClusterAddress address)
    {
        _host = host;
        Address = address;
    }

    /// <summary>The cluster connected to.</summary>
    public ClusterAddress Address { get; }

    /// <summary>Grain access.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects, giving up after <paramref name="timeout"/> (30 s if null) when no silo answers.</summary>
    /// <exception cref="ClusterUnavailableException">No silo of the cluster could be reached.</exception>
    public static async Task<ClusterConnection> ConnectAsync(ClusterAddress address, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(o => o.ConfigurationOptions = address.Redis.Clone());
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = address.ClusterId;
                o.ServiceId = address.ClusterId;
            });
        });
        var host = builder.Build();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await host.StartAsync(limit.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            throw new ClusterUnavailableException(
                $"No silo of cluster '{address.ClusterId}' answers at {address}: start one with 'jugcloud silo --cluster {address}' ({e.GetBaseException().Message})", e);
        }

        return new ClusterConnection(host, address);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}

/// <summary>The cluster cannot be reached.</summary>
public sealed class ClusterUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClusterUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClusterUnavailableException()
    {
    }
}
