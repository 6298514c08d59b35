namespace Jug.Cloud.Runtime.Grains;

/// <summary>
/// The ready queue and leases of one run (keyed by run id). Shards push ready tasks here; worker
/// slots long-poll for batches and report outcomes in batches. Callers that play one part use the
/// narrow interface of that part: <see cref="IDispatcherSubmission"/>, <see cref="IDispatcherWorkers"/>,
/// <see cref="IDispatcherControl"/>, and monitors the read-only <see cref="IDispatcherMonitor"/>.
/// </summary>
[Alias("jug.IRunDispatcherGrain")]
public interface IRunDispatcherGrain : IDispatcherSubmission, IDispatcherWorkers, IDispatcherControl, IDispatcherMonitor
{
}
