using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Runtime.Grains;

namespace Jug.Cloud.Cluster.Grains;

/// <summary>
/// One cluster run (keyed by run id, state in Redis): submits its tasks to the run's shards and
/// dispatcher, submits them again under a new epoch when a silo died with some of those grains, and
/// keeps the outcome once it is over.
/// </summary>
[Alias("jug.IRunGrain")]
public interface IRunGrain : IRunSupervisorGrain
{
    /// <summary>Starts the run: reads its package, skips what is stored, submits the rest. Calling it again returns the run as it stands.</summary>
    [Alias("Start")]
    Task<RunInfo> Start(RunDescriptor run);

    /// <summary>The run as it stands.</summary>
    [Alias("GetInfo")]
    Task<RunInfo> GetInfo();

    /// <summary>Counts by task name and state (tasks stored before the run count as done).</summary>
    [Alias("GetNameCounts")]
    Task<NameCounts[]> GetNameCounts();

    /// <summary>Waits a few seconds for the run to be over; returns it as it stands either way.</summary>
    [Alias("WaitOver")]
    Task<RunInfo> WaitOver();

    /// <summary>Hands out no new task; running ones finish and are stored.</summary>
    [Alias("Stop")]
    Task Stop();

    /// <summary>
    /// A silo cannot run epoch <paramref name="epoch"/>: it refused the code (a bundle or package that
    /// does not match its id, or lacks the fleet's signature), or the store took no more writes (a full
    /// disk). No silo would do better, so the run ends Failed with the reason.
    /// </summary>
    /// <param name="epoch">The epoch that cannot run.</param>
    /// <param name="reason">Why, naming the bundle or the silo.</param>
    [Alias("CannotRun")]
    Task CannotRun(int epoch, string reason);
}
