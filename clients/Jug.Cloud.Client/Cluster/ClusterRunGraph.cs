using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Grains;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Graph;
using Jug.Cloud.Packaging;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client.Cluster;

/// <summary>
/// The graph of a run the cluster knows, read back from the package and bundle in its store: how
/// <c>check</c>, <c>invalidate</c>, <c>cleanup</c> and the other inspecting commands work on a cluster's
/// runs without the jugfile.
/// </summary>
public sealed class ClusterRunGraph : IAsyncDisposable
{
    private readonly BundleCache _bundles;
    private readonly BundleLease _lease;

    private ClusterRunGraph(RunDescriptor run, IJugStore store, TaskGraph graph, BundleCache bundles, BundleLease lease)
    {
        Run = run;
        Store = store;
        Graph = graph;
        _bundles = bundles;
        _lease = lease;
    }

    /// <summary>The run.</summary>
    public RunDescriptor Run { get; }

    /// <summary>Its store, opened here.</summary>
    public IJugStore Store { get; }

    /// <summary>Its graph.</summary>
    public TaskGraph Graph { get; }

    /// <summary>Run <paramref name="runId"/>, or the latest run of the cluster when null.</summary>
    /// <exception cref="ArgumentException">The cluster has no such run (one line).</exception>
    public static async Task<RunDescriptor> FindAsync(ClusterConnection connection, string? runId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var runs = await ClusterRegistry.Of(connection.Grains).ListRuns();
        if (runId is null)
        {
            return runs.FirstOrDefault() ?? throw new ArgumentException($"Cluster '{connection.Address.ClusterId}' has no runs yet.");
        }

        return runs.FirstOrDefault(r => r.RunId == runId)
            ?? (await connection.Grains.GetGrain<IRunGrain>(runId).GetInfo()).Run;
    }

    /// <summary>Loads a run's graph: downloads its bundle into <paramref name="cacheDirectory"/> and decodes its package.</summary>
    public static async Task<ClusterRunGraph> LoadAsync(RunDescriptor run, Func<string, IJugStore> openStore, string cacheDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(openStore);
        var store = openStore(run.Jugdir);
        var bundles = new BundleCache(cacheDirectory, store);
        try
        {
            var lease = await bundles.AcquireAsync(run.BundleId, cancellationToken);
            var package = await store.GetBundleAsync(run.PackageId, cancellationToken)
                ?? throw new ArgumentException($"The graph of run {run.RunId} is no longer in its store {StoreLocation.Parse(run.Jugdir).Redacted}.");
            return new ClusterRunGraph(run, store, GraphPackage.Decode(package, lease.Context), bundles, lease);
        }
        catch
        {
            bundles.Dispose();
            await store.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _lease.Dispose();
        _bundles.Dispose();
        await Store.DisposeAsync();
    }
}
