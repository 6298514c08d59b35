using Jug.Cloud.Runtime.Contracts;

namespace Jug.Cloud.Runtime.Grains;

/// <summary>
/// The dispatcher as worker pools see it: slots long-poll <see cref="Take"/> for batches and
/// <see cref="Report"/> outcomes in batches; the pool's heartbeat renews its leases; the held-task
/// watcher checks tasks parked because another process holds them.
/// </summary>
[Alias("jug.IDispatcherWorkers")]
public interface IDispatcherWorkers : IGrainWithStringKey
{
    /// <summary>
    /// <paramref name="worker"/> is alive (sent every few seconds while it holds tasks), so its leases
    /// do not expire while a long task runs.
    /// </summary>
    [Alias("Renew")]
    Task Renew(string worker);

    /// <summary>
    /// Hands up to <paramref name="max"/> ready tasks to <paramref name="worker"/> (whose silo has
    /// <paramref name="tags"/>): its own first, then shared ones, waiting a few seconds
    /// for some if none is queued. An empty batch that is not <see cref="ReadyBatch.Finished"/> means ask again.
    /// </summary>
    [Alias("Take")]
    Task<ReadyBatch> Take(string worker, int max, string[] tags);

    /// <summary>
    /// Outcomes of tasks <paramref name="worker"/> was handed; returns once their dependents are
    /// queued, with true if the run is stopping (start no more of the tasks already taken).
    /// </summary>
    [Alias("Report")]
    Task<bool> Report(string worker, TaskOutcome[] outcomes);

    /// <summary>
    /// <paramref name="worker"/> is leaving (its silo drains): it hands back <paramref name="tasks"/>,
    /// fetched and not started, or still running when its drain timed out. They are queued for others at
    /// once, with no attempt counted, and the worker takes nothing more. A task it does not hold is
    /// skipped; a task it was running may still be reported once, and then the copy run elsewhere is ignored.
    /// </summary>
    [Alias("Release")]
    Task Release(string worker, TaskHash[] tasks);

    /// <summary>Tasks parked because another process holds their claim (shared jugdir).</summary>
    [Alias("GetHeldElsewhere")]
    Task<TaskHash[]> GetHeldElsewhere();

    /// <summary>Parked tasks whose claim lapsed or was released: queue them to run here.</summary>
    [Alias("Requeue")]
    Task Requeue(TaskHash[] tasks);
}
