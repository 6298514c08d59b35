using System.Net;
using Jug.Cloud.Web.Access;
using Jug.Cloud.Web.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Web.Hosting;

/// <summary>Where the page listens and who may use it.</summary>
public sealed record WebServerSettings
{
    /// <summary>The address to listen on (default: loopback).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Tokens, read-only, allowed origins.</summary>
    public Action<WebStatusOptions>? Access { get; init; }

    /// <summary>Logs below this level are dropped.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>
    /// Refuses a non-loopback address without a token: the page would be open to the network.
    /// </summary>
    /// <exception cref="ArgumentException">The address is not loopback and no token is set (one line, no token printed).</exception>
    public void CheckClosed()
    {
        var options = new WebStatusOptions();
        Access?.Invoke(options);
        if (!IPAddress.IsLoopback(Address) && !options.HasTokens)
        {
            throw new ArgumentException($"Listening on {Address} needs an access token (--web-token, or JUGCLOUD_WEB_TOKEN): without one the page would be open to the network.");
        }
    }
}

/// <summary>
/// The page in a Kestrel server of its own (<c>jugcloud webstatus</c>): the API and page of
/// <see cref="JugCloudWebExtensions.MapJugCloudWeb"/> at the root, closed as <see cref="WebServerSettings"/> says.
/// </summary>
public sealed class WebStatusServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebStatusServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where the page is.</summary>
    public Uri Address { get; }

    /// <summary>Starts the page over <paramref name="source"/>, with <paramref name="actions"/> unless it is read-only.</summary>
    /// <exception cref="ArgumentException">A non-loopback address without a token.</exception>
    public static async Task<WebStatusServer> StartAsync(IStatusSource source, IStatusActions? actions, WebServerSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.CheckClosed();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(settings.LogLevel);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.WebHost.ConfigureKestrel(k => k.Listen(settings.Address, settings.Port));
        builder.Services.AddJugCloudWeb(source, actions, settings.Access);
        var app = builder.Build();
        app.MapJugCloudWeb();

        // The metrics project maps Prometheus' /metrics here, beside the page.
        await app.StartAsync(cancellationToken);
        return new WebStatusServer(app, ListeningAddress(app));
    }

    /// <summary>The address Kestrel bound (with the port it picked), as a browser should open it.</summary>
    internal static Uri ListeningAddress(WebApplication app)
    {
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(bound.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "[::1]", StringComparison.Ordinal));
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
