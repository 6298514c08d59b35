using Jug.Cloud.Cluster;
using Jug.Cloud.Cluster.Grains;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Runtime.Grains;

namespace Jug.Cloud.Autoscaling;

/// <summary>
/// Reads demand from a cluster: the membership and the waiting submitters from its Redis (which answer
/// with no silo up), and, while a silo is up, the active runs' counts by name through the monitoring
/// view (<see cref="ClusterRuns"/>, as the metrics sampler reads them) over one client connection,
/// dropped when the last silo leaves; and the depth of each run's required-tag queues, so that work
/// only silos with a tag can run is known apart.
/// </summary>
public sealed class ClusterDemandSource(ClusterAddress address, Action<string> log) : IDemandSource
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private ClusterConnection? _connection;
    private string? _lastProblem;

    /// <inheritdoc />
    public async Task<DemandSample?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var silos = await ClusterRedisProbe.ActiveSilosAsync(address, cancellationToken);
            var waiting = await SiloDemand.PendingAsync(address, cancellationToken);
            if (silos == 0)
            {
                await DisconnectAsync();
                return Read(new DemandSample([], 0, waiting));
            }

            _connection ??= await ClusterConnection.ConnectAsync(address, ConnectTimeout, cancellationToken);
            var runs = await ClusterRuns.ReadActiveAsync(_connection.Grains);
            return Read(new DemandSample([.. NameCounts.Merge(runs.SelectMany(r => r.View.Names))], silos, waiting)
            {
                RequiredTags = DemandSample.RequiredByTag(runs.SelectMany(r => r.View.Queues)),
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure to read is the same to the autoscaler: leave the fleet as it is and read again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await DisconnectAsync();
            var problem = e.GetBaseException().Message.ReplaceLineEndings(" ");
            if (problem != _lastProblem)
            {
                log($"cannot read the cluster's demand, the fleet stays as it is: {problem}");
                _lastProblem = problem;
            }

            return null;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(DisconnectAsync());

    private DemandSample Read(DemandSample sample)
    {
        _lastProblem = null;
        return sample;
    }

    private async Task DisconnectAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            // A client whose gateways are all gone may take long to close; nothing waits on it.
            await connection.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
