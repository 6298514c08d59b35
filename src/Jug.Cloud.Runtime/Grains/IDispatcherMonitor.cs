using Jug.Cloud.Runtime.Monitoring;
using Orleans.Concurrency;

namespace Jug.Cloud.Runtime.Grains;

/// <summary>The read-only side of a run's dispatcher, for monitors (status, the web page, metrics).</summary>
[Alias("jug.IDispatcherMonitor")]
public interface IDispatcherMonitor : IGrainWithStringKey
{
    /// <summary>What the dispatcher knows now: counters, leases, queues, workers, recent failures, throughput.</summary>
    [Alias("GetView")]
    [AlwaysInterleave]
    [ReadOnly]
    Task<DispatcherView> GetView();
}
