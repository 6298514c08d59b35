using Jug.Cloud.Runtime.Contracts;

namespace Jug.Cloud.Runtime.Grains;

/// <summary>
/// Holds the state of the tasks of one run whose hash falls in this shard: status, how many
/// dependencies are pending, dependents, failure count and last error. Readiness is pushed along
/// edges: a finished task tells its dependents' shards, and a task whose last dependency finished is
/// queued with the run's dispatcher. Keyed <c>{runId}/{shard}</c>.
/// </summary>
[Alias("jug.ITaskShardGrain")]
public interface ITaskShardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the shard's part of a run; called on every shard before any task is added, with how many
    /// tasks the shard will hold (its table is sized once instead of growing by doubling).
    /// </summary>
    [Alias("Open")]
    Task Open(int shardCount, int expectedTasks);

    /// <summary>Adds tasks; those with no pending dependency are queued at once.</summary>
    [Alias("AddTasks")]
    Task AddTasks(TaskSubmission[] tasks);

    /// <summary>
    /// Records edges whose dependency lives in this shard. Returns the dependents whose dependency is
    /// already done (the caller satisfies those itself).
    /// </summary>
    [Alias("Link")]
    Task<TaskHash[]> Link(Edge[] edges);

    /// <summary>
    /// One dependency of each listed task finished (a task may be listed once per dependency);
    /// <paramref name="via"/> (parallel, or null when unknown) names that dependency.
    /// </summary>
    [Alias("Satisfy")]
    Task Satisfy(TaskHash[] dependents, TaskHash[]? via);

    /// <summary>
    /// These tasks are stored: mark them done and satisfy their dependents. <paramref name="seconds"/>
    /// (parallel, or null when not known) is how long each ran here, kept per task name for monitors.
    /// </summary>
    [Alias("Complete")]
    Task Complete(TaskHash[] tasks, float[]? seconds);

    /// <summary>These tasks failed for good: mark them failed with their last error.</summary>
    [Alias("Fail")]
    Task Fail(TaskOutcome[] failures);

    /// <summary>Counts by status.</summary>
    [Alias("GetCounts")]
    Task<ShardCounts> GetCounts();

    /// <summary>
    /// Counts by task name and status, with the last error of each name's failed tasks and the run
    /// times of those that finished; of the ready tasks, those in <paramref name="running"/> (leased to
    /// a worker, as the dispatcher knows) count as running.
    /// </summary>
    [Alias("GetNameCounts")]
    Task<NameCounts[]> GetNameCounts(TaskHash[] running);

    /// <summary>The names of those of <paramref name="tasks"/> this shard holds (null for the others), in order.</summary>
    [Alias("GetNames")]
    Task<string?[]> GetNames(TaskHash[] tasks);
}

/// <summary>Counts of one shard's tasks by status.</summary>
/// <param name="Waiting">Waiting for dependencies.</param>
/// <param name="Ready">Queued or running.</param>
/// <param name="Done">Finished in this run.</param>
/// <param name="Failed">Failed for good.</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.ShardCounts")]
public sealed record ShardCounts(
    [property: Id(0)] int Waiting,
    [property: Id(1)] int Ready,
    [property: Id(2)] int Done,
    [property: Id(3)] int Failed);
