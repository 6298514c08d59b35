using Jug.Cloud.Runtime.Submission;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Cluster.Workers;

/// <summary>Reads a run's graph package as hashes, names and edges, loading none of its code.</summary>
public interface IRunPlanReader
{
    /// <summary>Every task of the package, in declaration order.</summary>
    Task<IReadOnlyList<PlannedTask>> ReadAsync(IJugStore store, string packageId, CancellationToken cancellationToken);
}
