using Jug.Cloud.Runtime.Contracts;

namespace Jug.Cloud.Runtime.Grains;

/// <summary>The dispatcher as a run's owner sees it (the embedded engine, the cluster's run grain): follow and stop the run.</summary>
[Alias("jug.IDispatcherControl")]
public interface IDispatcherControl : IGrainWithStringKey
{
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
