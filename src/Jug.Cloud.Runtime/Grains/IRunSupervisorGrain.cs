using Jug.Cloud.Runtime.Contracts;

namespace Jug.Cloud.Runtime.Grains;

/// <summary>
/// Watches over a cluster run (keyed by run id): told when the run's dispatcher finishes, and when a
/// dispatcher or shard of the run finds its state gone with a dead silo, so the run can be submitted
/// again under a new epoch. Embedded runs have none.
/// </summary>
[Alias("jug.IRunSupervisorGrain")]
public interface IRunSupervisorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Epoch <paramref name="epoch"/> cannot finish (a grain of it lost its state, or an input it took
    /// as stored is gone): submit the run again if that epoch is current.
    /// </summary>
    /// <param name="epoch">The epoch that was lost.</param>
    /// <param name="reason">What was lost, for the log.</param>
    [Alias("Lost")]
    Task Lost(int epoch, string reason);

    /// <summary>Epoch <paramref name="epoch"/> finished with these counters.</summary>
    [Alias("Finished")]
    Task Finished(int epoch, RunProgress progress);
}
