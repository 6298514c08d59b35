using System.Diagnostics.Metrics;
using Jug.Cloud.Cluster.Grains;
using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Runtime.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jug.Cloud.Telemetry.Sampling;

/// <summary>
/// Reads the cluster's active runs through the monitoring view (<see cref="RunMonitor"/>) and its
/// membership every <see cref="JugCloudMetricsOptions.SampleInterval"/>, off the scrape: a scrape reads
/// the last <see cref="ClusterSnapshot"/> from memory and never waits on a grain call.
/// </summary>
internal sealed partial class ClusterSampler(
    IServiceProvider services,
    IMeterFactory meters,
    IOptions<JugCloudMetricsOptions> options,
    ILogger<ClusterSampler> logger) : BackgroundService
{
    private volatile ClusterSnapshot _snapshot = ClusterSnapshot.Empty;
    private ClusterGauges? _gauges;

    /// <summary>The last sample.</summary>
    public ClusterSnapshot Snapshot => _snapshot;

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _gauges = new ClusterGauges(meters, () => _snapshot, Workers);
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _gauges?.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SampleInterval);
        do
        {
            if (services.GetService<IGrainFactory>() is not { } grains)
            {
                return;
            }

            try
            {
                _snapshot = await SampleAsync(grains);
            }
#pragma warning disable CA1031 // A cluster not up yet, or going down, is sampled again at the next tick.
            catch (Exception e)
#pragma warning restore CA1031
            {
                SampleFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task<ClusterSnapshot> SampleAsync(IGrainFactory grains)
    {
        var runs = (await ClusterRuns.ReadActiveAsync(grains, (runId, e) => RunUnreadable(logger, runId, e.Message)))
            .Select(r => new RunSample(r.RunId, r.View))
            .ToArray();
        var silos = (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;
        var sizer = new FleetSizer(options.Value.Fleet(Workers()?.Slots));
        return new ClusterSnapshot(runs, silos, sizer.DesiredSilos(runs.Select(r => r.View)));
    }

    // Resolved when read, not when built: the silo's worker service is created by the silo host as it starts.
    private ClusterWorkerService? Workers() => services.GetService<ClusterWorkerService>();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Metrics: the cluster could not be sampled: {Reason}")]
    private static partial void SampleFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Metrics: run {RunId} could not be read: {Reason}")]
    private static partial void RunUnreadable(ILogger logger, string runId, string reason);
}
