using Jug.Cloud.Packaging;
using Jug.Cloud.Runtime.Submission;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Cluster.Workers;

/// <summary>Reads a run's graph package from its store as hashes, names and edges (no code is loaded).</summary>
public sealed class PackagePlanReader : IRunPlanReader
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<PlannedTask>> ReadAsync(IJugStore store, string packageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var package = await store.GetBundleAsync(packageId, cancellationToken)
            ?? throw new InvalidOperationException($"The run's graph package {packageId} is not in the store.");
        var outline = GraphPackage.ReadOutline(package);
        return [.. outline.Tasks.Select(t => new PlannedTask(t.Hash, t.Name, [.. t.Dependencies]) { Placement = t.Placement })];
    }
}
