using System.Net;
using Jug.Cloud.Web.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Cli.Commands;

/// <summary>
/// <c>/metrics</c> alone in a Kestrel server of its own, for a process that is not a silo
/// (<c>autoscale --metrics-port</c>): the Telemetry project's exporter and endpoint, as silos serve
/// them, behind the status page's token gate. Closed like the page: any address but loopback needs a token.
/// </summary>
internal sealed class MetricsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetricsServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where the metrics are (the port Kestrel picked when asked for 0).</summary>
    public Uri Address { get; }

    /// <summary>Refuses an address beyond loopback without a token: the metrics would be open to the network.</summary>
    /// <exception cref="ArgumentException">No token for a non-loopback address (one line, exit 2).</exception>
    public static void CheckClosed(IPAddress address, string? token, string tokenOption, string tokenVariable)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!IPAddress.IsLoopback(address) && string.IsNullOrEmpty(token))
        {
            throw new ArgumentException($"Listening on {address} needs an access token ({tokenOption}, or {tokenVariable}): without one the metrics would be open to the network.");
        }
    }

    /// <summary>Starts serving on <paramref name="address"/>:<paramref name="port"/>; with <paramref name="token"/>, every scrape needs it.</summary>
    /// <exception cref="ArgumentException">The address or port cannot be listened on.</exception>
    public static async Task<MetricsServer> StartAsync(IPAddress address, int port, string? token, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, port));
        builder.Services.AddJugCloudMetricsExporter();
        // The page's gate reads the token from the same places (Bearer, X-JugCloud-Token, ?token=);
        // with no token it lets every request through, which CheckClosed allows on loopback only.
        builder.Services.AddSingleton(new WebAccess(new WebStatusOptions { ReadToken = token, ReadOnly = true }));
        var app = builder.Build();
        app.UseJugCloudWebAccess(JugCloudMetricsEndpointExtensions.DefaultPath);
        app.MapJugCloudMetrics();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            // A port in use or an address not on this machine is the user's to change: one line, exit 2.
            await app.DisposeAsync();
            throw new ArgumentException($"cannot serve metrics on {address}:{port}: {e.Message}", e);
        }

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new MetricsServer(app, new Uri(bound, JugCloudMetricsEndpointExtensions.DefaultPath));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
