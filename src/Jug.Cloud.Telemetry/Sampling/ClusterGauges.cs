using System.Diagnostics.Metrics;
using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Diagnostics;
using Jug.Cloud.Runtime.Monitoring;

namespace Jug.Cloud.Telemetry.Sampling;

/// <summary>
/// The observable gauges: what the last <see cref="ClusterSnapshot"/> says (tasks by run, name and
/// state; ready queues; silos; desired silos) and this silo's slots. Read at each scrape, from memory.
/// </summary>
internal sealed class ClusterGauges : IDisposable
{
    private readonly Meter _meter;

    public ClusterGauges(IMeterFactory meters, Func<ClusterSnapshot> snapshot, Func<ClusterWorkerService?> workers)
    {
        _meter = meters.Create(JugCloudMeter.Name);
        _meter.CreateObservableGauge("jugcloud.tasks", () => Tasks(snapshot()), "{task}",
            "Tasks of each active run by name and state (waiting, ready, running, done, failed) in the run's current epoch.");
        _meter.CreateObservableGauge("jugcloud.queue.depth", () => Queues(snapshot()), "{task}",
            "Ready tasks waiting in each queue of each active run: kind shared, required or preferred (by tag) or local (by worker).");
        _meter.CreateObservableGauge("jugcloud.silos", () => Silos(snapshot()), "{silo}",
            "Active silos in the cluster's membership.");
        _meter.CreateObservableGauge("jugcloud.desired_silos", () => snapshot().DesiredSilos, "{silo}",
            "Silos the queued and running work asks for: ceil(work seconds / target duration / slots per silo), clamped.");
        _meter.CreateObservableGauge("jugcloud.slots", () => workers()?.Slots ?? 0, "{slot}",
            "Task slots of this silo.");
        _meter.CreateObservableGauge("jugcloud.slots.busy", () => workers()?.BusySlots ?? 0, "{slot}",
            "Slots of this silo running a task now.");
    }

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<int>> Tasks(ClusterSnapshot snapshot)
    {
        foreach (var run in snapshot.Runs)
        {
            foreach (var name in run.View.Names)
            {
                yield return Count(run.RunId, name.Name, "waiting", name.Waiting);
                yield return Count(run.RunId, name.Name, "ready", name.Ready);
                yield return Count(run.RunId, name.Name, "running", name.Running);
                yield return Count(run.RunId, name.Name, "done", name.Done);
                yield return Count(run.RunId, name.Name, "failed", name.Failed);
            }
        }
    }

    private static Measurement<int> Count(string run, string name, string state, int tasks) =>
        new(tasks, new KeyValuePair<string, object?>("run", run), new KeyValuePair<string, object?>("name", name), new KeyValuePair<string, object?>("state", state));

    private static IEnumerable<Measurement<int>> Queues(ClusterSnapshot snapshot)
    {
        foreach (var run in snapshot.Runs)
        {
            foreach (var queue in run.View.Queues)
            {
                yield return new(
                    queue.Tasks,
                    new KeyValuePair<string, object?>("run", run.RunId),
                    new KeyValuePair<string, object?>("kind", KindLabel(queue.Kind)),
                    new KeyValuePair<string, object?>("tag", queue.Key));
            }
        }
    }

    private static string KindLabel(QueueKind kind) => kind switch
    {
        QueueKind.Shared => "shared",
        QueueKind.Required => "required",
        QueueKind.Preferred => "preferred",
        QueueKind.Local => "local",
        _ => "other",
    };

    private static IEnumerable<Measurement<int>> Silos(ClusterSnapshot snapshot)
    {
        if (snapshot.Silos is { } silos)
        {
            yield return new(silos);
        }
    }
}
