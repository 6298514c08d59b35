using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client.Cluster;

/// <summary>
/// The barrier behaviour of <c>submit</c>: the tasks before a barrier run on the cluster now, and the
/// jugfile goes on building in the submitting process once they are stored.
/// </summary>
public sealed class ClusterRunner(ClusterSession session, IProgress<RunInfo>? progress = null) : IJugRunner
{
    /// <inheritdoc />
    public IResultStore Store => session.Store;

    /// <summary>The last run a barrier needed, if any.</summary>
    public RunInfo? LastRun { get; private set; }

    /// <inheritdoc />
    public async Task<bool> EnsureDoneAsync(TaskGraph graph, IReadOnlyList<TaskNode> scope, CancellationToken cancellationToken)
    {
        var run = await session.RunAsync(scope, progress, cancellationToken);
        LastRun = run;
        return run.State == RunState.Done;
    }
}
