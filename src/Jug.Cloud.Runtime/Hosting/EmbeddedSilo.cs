using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Jug.Cloud.Runtime.Hosting.Logging;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Runtime.Hosting;

/// <summary>
/// An Orleans silo inside this process, with localhost clustering on free ports: what
/// <c>jugcloud execute</c> runs on, with no server to install.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedSilo(IHost host) => _host = host;

    /// <summary>Grain access for the engine and the worker pool.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Logger factory of the silo host.</summary>
    public ILoggerFactory LoggerFactory => _host.Services.GetRequiredService<ILoggerFactory>();

    /// <summary>Starts a silo; logs below <paramref name="minimumLogLevel"/> are dropped.</summary>
    public static Task<EmbeddedSilo> StartAsync(LogLevel minimumLogLevel = LogLevel.Warning, CancellationToken cancellationToken = default) =>
        StartAsync(minimumLogLevel, configure: null, cancellationToken);

    /// <summary>Starts a silo that <paramref name="configure"/> adds to (services, grain types); logs below <paramref name="minimumLogLevel"/> are dropped.</summary>
    public static async Task<EmbeddedSilo> StartAsync(LogLevel minimumLogLevel, Action<ISiloBuilder>? configure, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Below Warning is --verbose: Orleans' own events too, and exceptions with their stack traces.
        var verbose = minimumLogLevel < LogLevel.Warning;
        builder.Logging.AddJugCloudConsole(minimumLogLevel, verbose ? minimumLogLevel : LogLevel.Error, stackTraces: verbose, timestampFormat: null);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: "jugcloud-embedded", clusterId: $"jugcloud-{Environment.ProcessId}");
            configure?.Invoke(silo);
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new EmbeddedSilo(host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
