using System.Runtime.CompilerServices;
using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.File;

/// <summary>
/// The default store: a jugdir on a local or NFS file system. Results are written atomically
/// (temporary file, fsync, rename, directory fsync); groups of results share their directory fsyncs.
/// Opening a store creates nothing: the jugdir appears with the first write.
/// </summary>
public sealed class FileJugStore : IJugStore
{
    private readonly FileLayout _layout;
    private readonly FileStoreOptions _options;
    private readonly FileClaims _claims;

    /// <summary>Opens the jugdir described by <paramref name="options"/>.</summary>
    public FileJugStore(FileStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _layout = new FileLayout(options.Root);
        _claims = new FileClaims(_layout, options.TimeProvider);
    }

    /// <summary>The jugdir's absolute path.</summary>
    public string Root => _layout.Root;

    /// <inheritdoc />
    public string DisplayName => _layout.Root;

    /// <inheritdoc />
    public ValueTask PutAsync(TaskHash key, ReadOnlyMemory<byte> encoded, CancellationToken cancellationToken = default)
    {
        AtomicFile.Write(_layout.Result(key), encoded.Span, _options.Durable);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask PutManyAsync(IReadOnlyList<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var written = new List<(string Temporary, string Final)>(entries.Count);
        try
        {
            foreach (var (key, value) in entries)
            {
                var path = _layout.Result(key);
                written.Add((AtomicFile.WriteTemporary(path, value.Span, _options.Durable), path));
            }
        }
        catch
        {
            written.ForEach(w => AtomicFile.TryDelete(w.Temporary));
            throw;
        }

        var directories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (temporary, path) in written)
        {
            AtomicFile.Commit(temporary, path);
            directories.Add(Path.GetDirectoryName(path)!);
        }

        if (_options.Durable)
        {
            foreach (var directory in directories)
            {
                FileSync.SyncDirectory(directory);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<byte[]?> GetAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        var bytes = AtomicFile.ReadOrNull(_layout.Result(key));
        if (bytes is not null && !StoredObject.IsValid(bytes))
        {
            throw new CorruptObjectException($"The stored result {key} in {_layout.Root} is corrupt or truncated.");
        }

        return ValueTask.FromResult(bytes);
    }

    /// <inheritdoc />
    public ValueTask<bool[]> ExistsAsync(IReadOnlyList<TaskHash> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var exists = new bool[keys.Count];
        if (Directory.Exists(_layout.ResultsDirectory))
        {
            for (var i = 0; i < exists.Length; i++)
            {
                exists[i] = System.IO.File.Exists(_layout.Result(keys[i]));
            }
        }

        return ValueTask.FromResult(exists);
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(AtomicFile.TryDelete(_layout.Result(key)));

    /// <inheritdoc />
    public async IAsyncEnumerable<TaskHash> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_layout.ResultsDirectory))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(_layout.ResultsDirectory, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!FileLayout.IsTemporary(path) && TaskHash.TryParse(Path.GetFileName(path), out var key))
            {
                yield return key;
            }
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> TryClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_claims.TryClaim(key, owner, timeToLive));

    /// <inheritdoc />
    public ValueTask<bool> RenewClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_claims.Renew(key, owner, timeToLive));

    /// <inheritdoc />
    public ValueTask<bool> ReleaseClaimAsync(TaskHash key, string owner, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_claims.Release(key, owner));

    /// <inheritdoc />
    public ValueTask<bool> BreakClaimAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_claims.Break(key));

    /// <inheritdoc />
    public async IAsyncEnumerable<ClaimInfo> ListClaimsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var claim in _claims.List())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return claim;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask PutFailureAsync(FailureRecord failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        AtomicFile.Write(_layout.Failure(failure.Key), FailureRecordCodec.Encode(failure), _options.Durable);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<FailureRecord?> GetFailureAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        var bytes = AtomicFile.ReadOrNull(_layout.Failure(key));
        return ValueTask.FromResult(bytes is null ? null : FailureRecordCodec.Decode(bytes));
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteFailureAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(AtomicFile.TryDelete(_layout.Failure(key)));

    /// <inheritdoc />
    public async IAsyncEnumerable<FailureRecord> ListFailuresAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_layout.FailuresDirectory))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(_layout.FailuresDirectory))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!FileLayout.IsTemporary(path) && AtomicFile.ReadOrNull(path) is { } bytes)
            {
                yield return FailureRecordCodec.Decode(bytes);
            }
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask PutBundleAsync(string bundleId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = _layout.Bundle(BundleId.Check(bundleId));
        if (!System.IO.File.Exists(path))
        {
            AtomicFile.Write(path, StoredObject.Wrap(CodecId.Bytes, 0, content.Span), _options.Durable);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<byte[]?> GetBundleAsync(string bundleId, CancellationToken cancellationToken = default)
    {
        var bytes = AtomicFile.ReadOrNull(_layout.Bundle(BundleId.Check(bundleId)));
        return ValueTask.FromResult(bytes is null ? null : StoredObject.Open(bytes).Payload.ToArray());
    }

    /// <inheritdoc />
    public ValueTask<bool> BundleExistsAsync(string bundleId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(System.IO.File.Exists(_layout.Bundle(BundleId.Check(bundleId))));

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
