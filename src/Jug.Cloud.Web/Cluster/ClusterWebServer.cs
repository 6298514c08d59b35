using Jug.Cloud.Cluster;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Cluster.Security;
using Jug.Cloud.Storage;
using Jug.Cloud.Web.Access;
using Jug.Cloud.Web.Hosting;
using Jug.Cloud.Web.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;

namespace Jug.Cloud.Web.Cluster;

/// <summary>What the cluster page needs beside where it listens.</summary>
/// <param name="Web">Address, port, tokens, log level (closed as for a jugdir's page).</param>
/// <param name="OpenStore">Opens a run's store by its URI, for the task pages and actions.</param>
/// <param name="CacheDirectory">Where runs' bundles are unpacked to read their graphs.</param>
public sealed record ClusterWebSettings(WebServerSettings Web, Func<string, IJugStore> OpenStore, string CacheDirectory);

/// <summary>
/// The page for a cluster in a Kestrel server: in a silo's own process (<c>jugcloud silo --web</c>)
/// or in an Orleans client of its own (<c>jugcloud webstatus --cluster</c>). Beside the page:
/// <c>/metrics</c> (Prometheus) and Orleans' dashboard under <c>/orleans</c>, both behind the page's
/// read token.
/// </summary>
public sealed class ClusterWebServer : IAsyncDisposable
{
    /// <summary>Where Orleans' dashboard is mounted.</summary>
    public const string DashboardPath = "/orleans";

    private readonly WebApplication _app;
    private readonly ClusterSilo? _silo;
    private readonly ClusterTls? _tls;

    private ClusterWebServer(WebApplication app, ClusterSilo? silo, ClusterTls? tls = null)
    {
        _app = app;
        _silo = silo;
        _tls = tls;
        Address = WebStatusServer.ListeningAddress(app);
    }

    /// <summary>Where the page is.</summary>
    public Uri Address { get; }

    /// <summary>The silo this page runs in, if it runs in one.</summary>
    public ClusterSilo? Silo => _silo;

    /// <summary>Starts a silo that serves the page (and adds Orleans' dashboard to it).</summary>
    /// <exception cref="ArgumentException">A non-loopback address without a token.</exception>
    public static async Task<ClusterWebServer> StartSiloAsync(ClusterSiloOptions silo, ClusterWebSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Web.CheckClosed();
        var builder = WebApplication.CreateSlimBuilder();
        ClusterSilo.Configure(builder, silo with
        {
            Silo = s =>
            {
                silo.Silo?.Invoke(s);
                s.AddDashboard();
            },
        });
        var app = Build(builder, settings, silo.Cluster);
        return new ClusterWebServer(app, await ClusterSilo.StartAsync(app, cancellationToken));
    }

    /// <summary>Starts the page in an Orleans client of <paramref name="cluster"/> (Orleans' dashboard shows data from silos that added it: <c>silo --web</c>).</summary>
    /// <exception cref="ArgumentException">A non-loopback address without a token.</exception>
    /// <exception cref="ClusterUnavailableException">No silo answers within 30 seconds.</exception>
    public static Task<ClusterWebServer> StartClientAsync(ClusterAddress cluster, ClusterWebSettings settings, CancellationToken cancellationToken = default) =>
        StartClientAsync(cluster, settings, tls: null, cancellationToken);

    /// <summary>
    /// Starts the page in an Orleans client of <paramref name="cluster"/>, over mutual TLS when
    /// <paramref name="tls"/> is given: the page's client presents that certificate to the silos and
    /// accepts only silos whose certificates chain to the fleet CA, as <c>submit</c> does.
    /// </summary>
    /// <exception cref="ArgumentException">A non-loopback address without a token, or a TLS file that is missing or unreadable.</exception>
    /// <exception cref="ClusterAuthenticationException">Silos are up but no TLS connection to them could be made.</exception>
    /// <exception cref="ClusterUnavailableException">No silo answers within 30 seconds.</exception>
    public static async Task<ClusterWebServer> StartClientAsync(ClusterAddress cluster, ClusterWebSettings settings, ClusterTlsOptions? tls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Web.CheckClosed();
        var credentials = tls is null ? null : ClusterTls.Load(tls);
        try
        {
            return await OpenClientAsync(cluster, settings, credentials, cancellationToken);
        }
        catch
        {
            credentials?.Dispose();
            throw;
        }
    }

    private static async Task<ClusterWebServer> OpenClientAsync(ClusterAddress cluster, ClusterWebSettings settings, ClusterTls? tls, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(settings.Web.LogLevel);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.UseOrleansClient(client => ClusterConnection.ConfigureClient(client, cluster, tls).AddDashboard());
        var app = Build(builder, settings, cluster);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await app.StartAsync(limit.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await app.DisposeAsync();
            if (tls?.LastRefusal is { } refusal)
            {
                throw new ClusterAuthenticationException($"No silo of cluster '{cluster.ClusterId}' at {cluster} could be trusted: {refusal}.", e);
            }

            throw new ClusterUnavailableException(
                $"No silo of cluster '{cluster.ClusterId}' answers at {cluster}: start one with 'jugcloud silo --cluster {cluster}'{(tls is null ? ", and if its silos use TLS, give --tls-cert and --tls-ca" : "")} ({e.GetBaseException().Message})", e);
        }

        return new ClusterWebServer(app, null, tls);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
            return;
        }

        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();

        // After the host, whose connections used the certificate.
        _tls?.Dispose();
    }

    private static WebApplication Build(WebApplicationBuilder builder, ClusterWebSettings settings, ClusterAddress cluster)
    {
        builder.WebHost.ConfigureKestrel(k => k.Listen(settings.Web.Address, settings.Web.Port));
        var access = new WebStatusOptions();
        settings.Web.Access?.Invoke(access);
        builder.Services.AddJugCloudMetrics();
        builder.Services.AddJugCloudWeb(
            sp => new ClusterStatusSource(sp.GetRequiredService<IGrainFactory>(), settings.OpenStore, settings.CacheDirectory, cluster.Display),
            access.ReadOnly ? null : sp => new ClusterActions((ClusterStatusSource)sp.GetRequiredService<IStatusSource>()),
            settings.Web.Access);
        var app = builder.Build();
        app.UseJugCloudWebAccess(JugCloudMetricsEndpointExtensions.DefaultPath, DashboardPath);
        app.MapJugCloudWeb();
        app.MapJugCloudMetrics();
        app.MapOrleansDashboard(DashboardPath);
        return app;
    }
}
