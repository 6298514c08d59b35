using Jug.Cloud.Storage;

namespace Jug.Cloud.Telemetry.Stores;

/// <summary>
/// A store whose main operations (results, claims, failure and run records, bundles, worker status
/// writes) are timed into <see cref="StoreMetrics"/>; listings and the rest pass straight through.
/// Applied to every store a host opens once it calls <c>AddJugCloudMetrics</c>.
/// </summary>
internal sealed class MeteredStore(IJugStore inner, string provider) : IJugStore, ISoloWriter
{
    /// <summary>The store measured.</summary>
    public IJugStore Inner => inner;

    public string DisplayName => inner.DisplayName;

    public bool IsShared => inner.IsShared;

    public bool HoldsResultsInMemory => inner.HoldsResultsInMemory;

    public void SetWritingAlone(bool alone) => (inner as ISoloWriter)?.SetWritingAlone(alone);

    public ValueTask PutAsync(TaskHash key, ReadOnlyMemory<byte> encoded, CancellationToken cancellationToken = default)
    {
        var start = StoreMetrics.Start();
        return StoreMetrics.Measure(inner.PutAsync(key, encoded, cancellationToken), start, provider, "put");
    }

    public ValueTask PutManyAsync(IReadOnlyList<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> entries, CancellationToken cancellationToken = default)
    {
        var start = StoreMetrics.Start();
        return StoreMetrics.Measure(inner.PutManyAsync(entries, cancellationToken), start, provider, "put_many");
    }

    public ValueTask<byte[]?> GetAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        var start = StoreMetrics.Start();
        return StoreMetrics.Measure(inner.GetAsync(key, cancellationToken), start, provider, "get");
    }

    public ValueTask<bool[]> ExistsAsync(IReadOnlyList<TaskHash> keys, CancellationToken cancellationToken = default)
    {
        var start = StoreMetrics.Start();
        return StoreMetrics.Measure(inner.ExistsAsync(keys, cancellationToken), start, provider, "exists");
    }

    public ValueTask<bool> DeleteAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        var start = StoreMetrics.Start();
        return StoreMetrics.Measure(inner.DeleteAsync(key, cancellationToken), start, provider, "delete");
    }

    public ValueTask<int> DeleteManyAsync(IReadOnlyCollection<TaskHash> keys, CancellationToken cancellationToken = default) =>
        inner.DeleteManyAsync(keys, cancellationToken);

    public IAsyncEnumerable<TaskHash> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public ValueTask<bool> TryClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        var start = StoreMetrics.Start();
        return StoreMetrics.Measure(inner.TryClaimAsync(key, owner, timeToLive, cancellationToken), start, provider, "claim");
    }

    public ValueTask<bool> RenewClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        var start = StoreMetrics.Start();
        return StoreMetrics.Measure(inner.RenewClaimAsync(key, owner, timeToLive, cancellationToken), start, provider, "renew_claim");
    }

    public ValueTask<bool> ReleaseClaimAsync(TaskHash key, string owner, CancellationToken cancellationToken = default)
    {
        var start = StoreMetrics.Start();
        return StoreMetrics.Measure(inner.ReleaseClaimAsync(key, owner, cancellationToken), start, provider, "release_claim");
    }

    public ValueTask<bool> BreakClaimAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        inner.BreakClaimAsync(key, cancellationToken);

    public IAsyncEnumerable<ClaimInfo> ListClaimsAsync(CancellationToken cancellationToken = default) => inner.ListClaimsAsync(cancellationToken);

    public ValueTask PutFailureAsync(FailureRecord failure, CancellationToken cancellationToken = default)
    {
        var start = StoreMetrics.Start();
        return StoreMetrics.Measure(inner.PutFailureAsync(failure, cancellationToken), start, provider, "put_failure");
    }

    public ValueTask<FailureRecord?> GetFailureAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        inner.GetFailureAsync(key, cancellationToken);

    public ValueTask<bool> DeleteFailureAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        inner.DeleteFailureAsync(key, cancellationToken);

    public IAsyncEnumerable<FailureRecord> ListFailuresAsync(CancellationToken cancellationToken = default) => inner.ListFailuresAsync(cancellationToken);

    public ValueTask PutBundleAsync(string bundleId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var start = StoreMetrics.Start();
        return StoreMetrics.Measure(inner.PutBundleAsync(bundleId, content, cancellationToken), start, provider, "put_bundle");
    }

    public ValueTask<byte[]?> GetBundleAsync(string bundleId, CancellationToken cancellationToken = default)
    {
        var start = StoreMetrics.Start();
        return StoreMetrics.Measure(inner.GetBundleAsync(bundleId, cancellationToken), start, provider, "get_bundle");
    }

    public ValueTask PutBundleSignatureAsync(string bundleId, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken = default) =>
        inner.PutBundleSignatureAsync(bundleId, signature, cancellationToken);

    public ValueTask<byte[]?> GetBundleSignatureAsync(string bundleId, CancellationToken cancellationToken = default) =>
        inner.GetBundleSignatureAsync(bundleId, cancellationToken);

    public ValueTask<bool> BundleExistsAsync(string bundleId, CancellationToken cancellationToken = default) =>
        inner.BundleExistsAsync(bundleId, cancellationToken);

    public ValueTask AppendRunsAsync(IReadOnlyList<RunRecord> records, CancellationToken cancellationToken = default)
    {
        var start = StoreMetrics.Start();
        return StoreMetrics.Measure(inner.AppendRunsAsync(records, cancellationToken), start, provider, "append_runs");
    }

    public IAsyncEnumerable<RunRecord> ListRunsAsync(CancellationToken cancellationToken = default) => inner.ListRunsAsync(cancellationToken);

    public ValueTask<int> ClearRunsAsync(CancellationToken cancellationToken = default) => inner.ClearRunsAsync(cancellationToken);

    public ValueTask PutWorkerStatusAsync(WorkerStatus status, CancellationToken cancellationToken = default)
    {
        var start = StoreMetrics.Start();
        return StoreMetrics.Measure(inner.PutWorkerStatusAsync(status, cancellationToken), start, provider, "put_worker_status");
    }

    public ValueTask<bool> RemoveWorkerStatusAsync(string worker, CancellationToken cancellationToken = default) =>
        inner.RemoveWorkerStatusAsync(worker, cancellationToken);

    public IAsyncEnumerable<WorkerStatus> ListWorkerStatusesAsync(CancellationToken cancellationToken = default) =>
        inner.ListWorkerStatusesAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
