using System.Diagnostics.Metrics;
using Jug.Cloud.Diagnostics;

namespace Jug.Cloud.Autoscaling;

/// <summary>
/// The autoscaler's decision and its inputs as gauges on the <c>Jug.Cloud</c> meter, read from the last
/// step (a process runs one autoscaler): what a cloud's own autoscaler or a dashboard can follow.
/// </summary>
public static class AutoscalerMetrics
{
    private static volatile ScalingStep? _last;

    static AutoscalerMetrics()
    {
        var meter = JugCloudMeter.Meter;
        meter.CreateObservableGauge("jugcloud.autoscaler.desired_silos", () => Observe(s => s.Target), "{silo}", "Silos the autoscaler wants now.");
        meter.CreateObservableGauge("jugcloud.autoscaler.recommended_silos", () => Observe(s => s.Recommended), "{silo}", "Silos the work alone asks for now, before the idle timeout and the upscaling step.");
        meter.CreateObservableGauge("jugcloud.autoscaler.active_silos", () => Observe(s => s.Demand.ActiveSilos), "{silo}", "Silos the cluster's membership lists as active.");
        meter.CreateObservableGauge("jugcloud.autoscaler.ready_tasks", () => Observe(s => s.Demand.Ready), "{task}", "Ready tasks of the active runs.");
        meter.CreateObservableGauge("jugcloud.autoscaler.running_tasks", () => Observe(s => s.Demand.Running), "{task}", "Running tasks of the active runs.");
        meter.CreateObservableGauge("jugcloud.autoscaler.work", () => Observe(s => s.WorkSeconds), "s", "Seconds of queued and running work, each task weighed by its name's mean run time.");
        meter.CreateObservableGauge("jugcloud.autoscaler.backlog_per_silo", () => Observe(s => s.BacklogPerSilo), "s", "Seconds of work per desired silo.");
        meter.CreateObservableGauge("jugcloud.autoscaler.unserved_tasks", () => ObserveUnserved(), "{task}", "Ready tasks that require a tag the fleet's silos do not have, by tag: left out of the work.");
    }

    /// <summary>Records <paramref name="step"/> as what the gauges report.</summary>
    public static void Record(ScalingStep step) => _last = step ?? throw new ArgumentNullException(nameof(step));

    private static IEnumerable<Measurement<long>> ObserveUnserved() =>
        _last is { } step ? step.Unserved.Select(u => new Measurement<long>(u.Value, new KeyValuePair<string, object?>("tag", u.Key))) : [];

    private static IEnumerable<Measurement<T>> Observe<T>(Func<ScalingStep, T> read)
        where T : struct =>
        _last is { } step ? [new Measurement<T>(read(step))] : [];
}
