using Jug.Cloud.Runtime.Contracts;

namespace Jug.Cloud.Runtime.Grains;

/// <summary>
/// The ready queue and leases of one run (keyed by run id). Shards push ready tasks here; worker
/// slots long-poll <see cref="Take"/> for batches and <see cref="Report"/> outcomes in batches.
/// </summary>
[Alias("jug.IRunDispatcherGrain")]
public interface IRunDispatcherGrain : IDispatcherMonitor
{
    /// <summary>Sets up the run; called before any task is submitted.</summary>
    [Alias("Configure")]
    Task Configure(RunSettings settings);

    /// <summary>
    /// <paramref name="worker"/> is alive (sent every few seconds while it holds tasks), so its leases
    /// do not expire while a long task runs.
    /// </summary>
    [Alias("Renew")]
    Task Renew(string worker);

    /// <summary>How many shards hold this run's tasks.</summary>
    [Alias("GetShardCount")]
    Task<int> GetShardCount();

    /// <summary>
    /// Queues tasks that became ready; <paramref name="via"/> (parallel, or null) names for each the
    /// dependency whose completion made it ready, so it can run where that result is cached.
    /// </summary>
    [Alias("Enqueue")]
    Task Enqueue(TaskHash[] ready, TaskHash[]? via);

    /// <summary>Where tasks should run (tags they require or prefer); sent before they are added.</summary>
    [Alias("Place")]
    Task Place(PlacementHint[] hints);

    /// <summary>Submission is complete: <paramref name="submitted"/> tasks in all.</summary>
    [Alias("Seal")]
    Task Seal(int submitted);

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

    /// <summary>Tasks parked because another process holds their claim (shared jugdir).</summary>
    [Alias("GetHeldElsewhere")]
    Task<TaskHash[]> GetHeldElsewhere();

    /// <summary>Parked tasks whose claim lapsed or was released: queue them to run here.</summary>
    [Alias("Requeue")]
    Task Requeue(TaskHash[] tasks);

    /// <summary>Hand out no new task; the run finishes once running tasks report.</summary>
    [Alias("Stop")]
    Task Stop();

    /// <summary>The run's counters now.</summary>
    [Alias("GetProgress")]
    Task<RunProgress> GetProgress();

    /// <summary>Waits a few seconds for the run to finish; returns the counters either way.</summary>
    [Alias("WaitFinished")]
    Task<RunProgress> WaitFinished();
}
