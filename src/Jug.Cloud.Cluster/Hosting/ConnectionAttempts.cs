using Jug.Cloud.Cluster.Security;
using Microsoft.AspNetCore.Connections;

namespace Jug.Cloud.Cluster.Hosting;

/// <summary>
/// Whether a client retries its first connection to the cluster. A silo that is not up yet refuses
/// the TCP connection, and is retried every second until the caller's deadline. A silo that accepts
/// the connection and closes it at once is refusing this client's TLS (or its lack of TLS), which
/// retrying does not change: after a few such closes, or once a gateway's certificate was refused
/// here, the client gives up.
/// </summary>
internal sealed class ConnectionAttempts(ClusterTls? tls)
{
    private const int ClosesBeforeGivingUp = 3;
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    private int _closes;

    /// <summary>True when the client gave up because the silos closed its connections.</summary>
    public bool ClosedBySilos => _closes >= ClosesBeforeGivingUp;

    public async Task<bool> RetryAsync(Exception failure, CancellationToken cancellationToken)
    {
        if (tls?.LastRefusal is not null)
        {
            return false;
        }

        _closes = ClosedByPeer(failure) ? _closes + 1 : 0;
        if (ClosedBySilos)
        {
            return false;
        }

        await Task.Delay(Pause, cancellationToken);
        return true;
    }

    /// <summary>The connection was made, then closed before Orleans' own handshake finished.</summary>
    private static bool ClosedByPeer(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is ConnectionAbortedException || (e is InvalidOperationException && e.Message.Contains("terminated prematurely", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
