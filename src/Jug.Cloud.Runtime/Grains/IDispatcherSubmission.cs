using Jug.Cloud.Runtime.Contracts;

namespace Jug.Cloud.Runtime.Grains;

/// <summary>
/// The dispatcher as the submission side sees it: <see cref="Submission.RunSubmitter"/> configures,
/// places and seals the run; shards ask the shard count and queue tasks that became ready.
/// </summary>
[Alias("jug.IDispatcherSubmission")]
public interface IDispatcherSubmission : IGrainWithStringKey
{
    /// <summary>Sets up the run; called before any task is submitted.</summary>
    [Alias("Configure")]
    Task Configure(RunSettings settings);

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
}
