using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Memory;

/// <summary>
/// A store in this process's memory (<c>memory:</c>), optionally loaded from and saved to one file
/// (<c>memory:path/file</c>): for tests and small runs. Results, failure records, the run log and
/// bundles are saved; claims and worker status records are not (they mean nothing once the process
/// that holds them is gone).
/// </summary>
/// <remarks>
/// Values are copied in and out, so a caller changing an array it passed or got back never changes
/// what is stored. Two <c>memory:</c> stores opened separately share nothing.
/// </remarks>
public sealed class MemoryJugStore : IJugStore
{
    private readonly ConcurrentDictionary<TaskHash, byte[]> _results = new();
    private readonly ConcurrentDictionary<TaskHash, FailureRecord> _failures = new();
    private readonly MemoryRunLog _runs = new();
    private readonly ConcurrentDictionary<string, byte[]> _bundles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<TaskHash, ClaimInfo> _claims = new();
    private readonly MemoryWorkers _workers;
    private readonly TimeProvider _time;
    private readonly string? _file;

    /// <summary>Creates an empty store, or one loaded from <paramref name="file"/> and saved back to it.</summary>
    /// <exception cref="JugStoreException">The file exists but is not a readable memory-store file.</exception>
    public MemoryJugStore(string? file = null, TimeProvider? timeProvider = null)
        : this(new MemoryStoreOptions { File = file, TimeProvider = timeProvider ?? TimeProvider.System })
    {
    }

    /// <summary>Creates a store as <paramref name="options"/> say.</summary>
    /// <exception cref="JugStoreException">The file exists but is not a readable memory-store file.</exception>
    public MemoryJugStore(MemoryStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = options.TimeProvider;
        _workers = new MemoryWorkers(_time);
        _file = options.File is null ? null : Path.GetFullPath(options.File);
        if (_file is not null && System.IO.File.Exists(_file))
        {
            MemorySnapshot.Load(_file, _results, _failures, _runs, _bundles);
        }
    }

    /// <summary>The backing file, or null.</summary>
    public string? File => _file;

    /// <inheritdoc />
    public bool HoldsResultsInMemory => true;

    /// <inheritdoc />
    public string DisplayName => _file is null ? "memory:" : $"memory:{_file}";

    /// <inheritdoc />
    public ValueTask PutAsync(TaskHash key, ReadOnlyMemory<byte> encoded, CancellationToken cancellationToken = default)
    {
        _results[key] = encoded.ToArray();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask PutManyAsync(IReadOnlyList<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (key, value) in entries)
        {
            _results[key] = value.ToArray();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<byte[]?> GetAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        if (!_results.TryGetValue(key, out var value))
        {
            return ValueTask.FromResult<byte[]?>(null);
        }

        return StoredObject.IsValid(value)
            ? ValueTask.FromResult<byte[]?>(value.AsSpan().ToArray())
            : throw new CorruptObjectException($"The stored result {key} in {DisplayName} is corrupt or truncated.");
    }

    /// <inheritdoc />
    public ValueTask<bool[]> ExistsAsync(IReadOnlyList<TaskHash> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var exists = new bool[keys.Count];
        for (var i = 0; i < exists.Length; i++)
        {
            exists[i] = _results.ContainsKey(keys[i]);
        }

        return ValueTask.FromResult(exists);
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_results.TryRemove(key, out _));

    /// <inheritdoc />
    public IAsyncEnumerable<TaskHash> ListAsync(CancellationToken cancellationToken = default) =>
        Snapshot(_results.Keys, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> TryClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var now = _time.GetUtcNow();
        var claim = new ClaimInfo(key, owner, now + timeToLive);
        while (true)
        {
            if (_claims.TryAdd(key, claim))
            {
                return ValueTask.FromResult(true);
            }

            if (!_claims.TryGetValue(key, out var existing))
            {
                continue;
            }

            // Someone else's live claim refuses; our own live claim, or anyone's expired one, is (re)taken.
            if (existing.ExpiresAt > now && existing.Owner != owner)
            {
                return ValueTask.FromResult(false);
            }

            if (_claims.TryUpdate(key, claim, existing))
            {
                return ValueTask.FromResult(true);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RenewClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        var renewed = _claims.TryGetValue(key, out var existing)
            && existing.Owner == owner
            && _claims.TryUpdate(key, existing with { ExpiresAt = _time.GetUtcNow() + timeToLive }, existing);
        return ValueTask.FromResult(renewed);
    }

    /// <inheritdoc />
    public ValueTask<bool> ReleaseClaimAsync(TaskHash key, string owner, CancellationToken cancellationToken = default)
    {
        var released = _claims.TryGetValue(key, out var existing)
            && existing.Owner == owner
            && _claims.TryRemove(new KeyValuePair<TaskHash, ClaimInfo>(key, existing));
        return ValueTask.FromResult(released);
    }

    /// <inheritdoc />
    public ValueTask<bool> BreakClaimAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_claims.TryRemove(key, out _));

    /// <inheritdoc />
    public IAsyncEnumerable<ClaimInfo> ListClaimsAsync(CancellationToken cancellationToken = default) =>
        Snapshot(_claims.Values, cancellationToken);

    /// <inheritdoc />
    public ValueTask PutFailureAsync(FailureRecord failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        _failures[failure.Key] = failure;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<FailureRecord?> GetFailureAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_failures.GetValueOrDefault(key));

    /// <inheritdoc />
    public ValueTask<bool> DeleteFailureAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_failures.TryRemove(key, out _));

    /// <inheritdoc />
    public IAsyncEnumerable<FailureRecord> ListFailuresAsync(CancellationToken cancellationToken = default) =>
        Snapshot(_failures.Values, cancellationToken);

    /// <inheritdoc />
    public ValueTask PutBundleAsync(string bundleId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        _bundles.TryAdd(BundleId.Check(bundleId), content.ToArray());
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<byte[]?> GetBundleAsync(string bundleId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_bundles.TryGetValue(BundleId.Check(bundleId), out var content) ? content.AsSpan().ToArray() : null);

    /// <inheritdoc />
    public ValueTask<bool> BundleExistsAsync(string bundleId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_bundles.ContainsKey(BundleId.Check(bundleId)));

    /// <inheritdoc />
    /// <remarks>Kept among the bundles as <c>&lt;id&gt;.sig</c>, so a <c>memory:path</c> snapshot keeps it too.</remarks>
    public ValueTask PutBundleSignatureAsync(string bundleId, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken = default)
    {
        _bundles[BundleId.Check(bundleId) + ".sig"] = signature.ToArray();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<byte[]?> GetBundleSignatureAsync(string bundleId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_bundles.TryGetValue(BundleId.Check(bundleId) + ".sig", out var signature) ? signature.AsSpan().ToArray() : null);

    /// <summary>False: no other process sees this store (a <c>memory:path</c> file is read once and written back whole).</summary>
    public bool IsShared => false;

    /// <inheritdoc />
    public ValueTask AppendRunsAsync(IReadOnlyList<RunRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        _runs.Append(records);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<RunRecord> ListRunsAsync(CancellationToken cancellationToken = default) =>
        Snapshot(_runs.ToArray(), cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> ClearRunsAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_runs.Clear());

    /// <inheritdoc />
    public ValueTask PutWorkerStatusAsync(WorkerStatus status, CancellationToken cancellationToken = default) =>
        _workers.PutWorkerStatusAsync(status, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> RemoveWorkerStatusAsync(string worker, CancellationToken cancellationToken = default) =>
        _workers.RemoveWorkerStatusAsync(worker, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Kept in memory only: <see cref="SaveAsync"/> does not write them.</remarks>
    public IAsyncEnumerable<WorkerStatus> ListWorkerStatusesAsync(CancellationToken cancellationToken = default) =>
        _workers.ListWorkerStatusesAsync(cancellationToken);

    /// <summary>
    /// Saves results, failure records, the run log and bundles to the backing file atomically (write, fsync, rename),
    /// if there is one; does nothing otherwise.
    /// </summary>
    public Task SaveAsync(CancellationToken cancellationToken = default) =>
        _file is null ? Task.CompletedTask : MemorySnapshot.SaveAsync(_file, _results, _failures, _runs, _bundles, cancellationToken);

    /// <summary>Saves to the backing file, if there is one.</summary>
    public async ValueTask DisposeAsync() => await SaveAsync();

    /// <summary>Streams a collection; ConcurrentDictionary's Keys and Values are point-in-time copies, so writers never break it.</summary>
    private static async IAsyncEnumerable<T> Snapshot<T>(ICollection<T> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask;
    }
}
