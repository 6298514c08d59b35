using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Graph;
using Jug.Cloud.Packaging;
using Jug.Cloud.Packaging.Trust;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Cluster.Workers;

/// <summary>
/// Loads a run's code on a silo: its bundle into a collectible load context (shared by runs of the
/// same bundle, unloaded when the last of them is done) and its package decoded against that context.
/// Both are checked by <paramref name="trust"/> first (content against id; signature if required).
/// </summary>
/// <param name="cacheDirectory">Where bundles are unpacked on this machine.</param>
/// <param name="trust">What a bundle and a package must pass; content checks only if null. Not owned.</param>
public sealed class BundleCodeLoader(string cacheDirectory, BundleTrust? trust = null) : IRunCodeLoader, IDisposable
{
    private readonly BundleTrust _trust = trust ?? BundleTrust.ContentOnly;

    private readonly Dictionary<IJugStore, BundleCache> _caches = [];

    /// <summary>Where a silo unpacks bundles unless told otherwise: <c>jugcloud/bundles</c> in the user's local application data.</summary>
    public static string DefaultCacheDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "jugcloud", "bundles");

    /// <inheritdoc />
    /// <exception cref="BundleRefusedException">The run's bundle or package fails the trust's checks.</exception>
    public async Task<IRunCode> LoadAsync(RunDescriptor run, IJugStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(store);
        BundleCache cache;
        lock (_caches)
        {
            if (!_caches.TryGetValue(store, out cache!))
            {
                _caches[store] = cache = new BundleCache(cacheDirectory, store, _trust);
            }
        }

        var lease = await cache.AcquireAsync(run.BundleId, cancellationToken);
        try
        {
            var package = await _trust.ReadCheckedAsync(store, run.PackageId, cancellationToken)
                ?? throw new InvalidOperationException($"The graph package {run.PackageId} of run {run.RunId} is not in the store.");
            return new RunCode(GraphPackage.Decode(package, lease.Context), lease);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_caches)
        {
            foreach (var cache in _caches.Values)
            {
                cache.Dispose();
            }

            _caches.Clear();
        }
    }

    private sealed class RunCode(TaskGraph graph, BundleLease lease) : IRunCode
    {
        public TaskNode? Resolve(TaskHash hash) => graph.Find(hash);

        public ValueTask DisposeAsync()
        {
            lease.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
