using System.Net;
using System.Net.Sockets;

namespace Jug.Cloud.Stores.Tests.Integration;

/// <summary>
/// A TCP relay on a loopback port in front of a real server, which can be taken down (its listener
/// closed, open connections reset: connections are refused, as while a server restarts) and brought
/// back on the same port, for as long as a test needs an outage to last.
/// </summary>
public sealed class OutageProxy : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    private OutageProxy(int targetPort, int port)
    {
        _targetPort = targetPort;
        Port = port;
    }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Relays a free loopback port to <paramref name="targetPort"/> on loopback.</summary>
    public static OutageProxy Start(int targetPort)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var proxy = new OutageProxy(targetPort, port);
        proxy.Up();
        return proxy;
    }

    /// <summary>Listens again on the same port.</summary>
    public void Up()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _stop.Token);
    }

    /// <summary>Stops listening and resets every open connection: new connections are refused until <see cref="Up"/>.</summary>
    public void Down()
    {
        _stop.Cancel();
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Client.LingerState = new LingerOption(true, 0); // RST, as a killed server's connections get
                client.Dispose();
            }

            _open.Clear();
        }
    }

    public ValueTask DisposeAsync()
    {
        Down();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client, cancellationToken);
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var server = new TcpClient();
        lock (_open)
        {
            _open.Add(client);
            _open.Add(server);
        }

        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, cancellationToken);
            var up = client.GetStream().CopyToAsync(server.GetStream(), cancellationToken);
            var down = server.GetStream().CopyToAsync(client.GetStream(), cancellationToken);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // The outage cut the connection: that is what the proxy is for.
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(client);
                _open.Remove(server);
            }

            client.Dispose();
            server.Dispose();
        }
    }
}
