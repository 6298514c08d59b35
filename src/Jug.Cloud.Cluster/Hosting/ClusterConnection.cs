using Jug.Cloud.Cluster.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Jug.Cloud.Cluster.Hosting;

/// <summary>A client's connection to a cluster: finds the silos' gateways in the Redis membership table.</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly ClusterTls? _tls;

    private ClusterConnection(IHost host, ClusterAddress address, ClusterTls? tls)
    {
        _host = host;
        Address = address;
        _tls = tls;
    }

    /// <summary>The cluster connected to.</summary>
    public ClusterAddress Address { get; }

    /// <summary>Grain access.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>
    /// How long a connection waits for a listed silo to answer when the caller gives no timeout: long,
    /// because a cluster with no silo listed is told at once, and a loaded silo may answer slowly.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Connects, giving up after <paramref name="timeout"/> (<see cref="DefaultTimeout"/> if null) when
    /// no silo answers. The cluster's Redis and its membership table are read first, so that a missing
    /// Redis and a cluster with no silo up are told apart, each at once.
    /// </summary>
    /// <exception cref="ClusterUnavailableException">The cluster's Redis, or every silo of the cluster, could not be reached.</exception>
    public static Task<ClusterConnection> ConnectAsync(ClusterAddress address, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(address, tls: null, timeout, cancellationToken);

    /// <summary>
    /// Connects as <see cref="ConnectAsync(ClusterAddress, TimeSpan?, CancellationToken)"/> does, over
    /// mutual TLS when <paramref name="tls"/> is given: this client presents its certificate and
    /// accepts only gateways whose certificates chain to the fleet CA.
    /// </summary>
    /// <exception cref="ClusterAuthenticationException">Silos are up but no TLS connection was established: a certificate was refused on either side, or one side uses TLS and the other does not.</exception>
    /// <exception cref="ClusterUnavailableException">The cluster's Redis, or every silo of the cluster, could not be reached.</exception>
    /// <exception cref="ArgumentException">A TLS file is missing or unreadable.</exception>
    public static async Task<ClusterConnection> ConnectAsync(ClusterAddress address, ClusterTlsOptions? tls, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var credentials = tls is null ? null : ClusterTls.Load(tls);
        try
        {
            return await OpenAsync(address, credentials, timeout, cancellationToken);
        }
        catch
        {
            credentials?.Dispose();
            throw;
        }
    }

    private static async Task<ClusterConnection> OpenAsync(ClusterAddress address, ClusterTls? tls, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (await ClusterRedisProbe.ActiveSilosAsync(address, cancellationToken) == 0)
        {
            throw new ClusterUnavailableException(NoSilo(address));
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        var attempts = new ConnectionAttempts(tls);
        builder.UseOrleansClient(client => ConfigureClient(client, address, tls).UseConnectionRetryFilter(attempts.RetryAsync));
        var host = builder.Build();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await host.StartAsync(limit.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var refusal = tls?.LastRefusal;
            host.Dispose();
            throw refusal is not null
                ? new ClusterAuthenticationException($"No silo of cluster '{address.ClusterId}' at {address} could be trusted: {refusal}.", e)
                : !attempts.ClosedBySilos
                    ? new ClusterUnavailableException($"{NoSilo(address).TrimEnd('.')} ({e.GetBaseException().Message.TrimEnd('.')}).", e)
                    : tls is not null
                        ? new ClusterAuthenticationException($"The silos of cluster '{address.ClusterId}' at {address} closed every TLS connection from this client: is its certificate issued by the fleet CA the silos trust, and do they use TLS?", e)
                        : new ClusterAuthenticationException($"The silos of cluster '{address.ClusterId}' at {address} closed every connection from this client: they require TLS; connect with a certificate from the fleet's CA (--tls-cert, --tls-ca).", e);
        }

        return new ClusterConnection(host, address, tls);
    }

    private static string NoSilo(ClusterAddress address) =>
        $"No silo is up in cluster '{address.ClusterId}' at {address}: start one with 'jugcloud silo --cluster {address}'.";

    /// <summary>Points an Orleans client (this connection's, or a web host's) at the cluster <paramref name="address"/> names.</summary>
    public static IClientBuilder ConfigureClient(IClientBuilder client, ClusterAddress address) =>
        ConfigureClient(client, address, null);

    /// <summary>Points an Orleans client at the cluster <paramref name="address"/> names, over mutual TLS with <paramref name="tls"/> when given.</summary>
    public static IClientBuilder ConfigureClient(IClientBuilder client, ClusterAddress address, ClusterTls? tls)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(address);
        client.UseRedisClustering(o => o.ConfigurationOptions = address.Redis.Clone());
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = address.ClusterId;
            o.ServiceId = address.ClusterId;
        });
        if (tls is not null)
        {
            client.UseTls(tls.Certificate, tls.Apply);
        }

        return client;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();

        // After the host, whose connections used the certificate.
        _tls?.Dispose();
    }
}

/// <summary>The cluster cannot be reached.</summary>
public class ClusterUnavailableException : Exception
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

/// <summary>Silos of the cluster are up, but no mutually authenticated TLS connection to any of them could be made.</summary>
public sealed class ClusterAuthenticationException : ClusterUnavailableException
{
    /// <summary>Creates the exception.</summary>
    public ClusterAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClusterAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClusterAuthenticationException()
    {
    }
}
