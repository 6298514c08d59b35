using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.File;

/// <summary>
/// The default store: a jugdir on a local or NFS file system. Results are written atomically
/// (temporary file, fsync, rename, directory fsync); a batch of results shares its directory fsyncs.
/// Opening a store creates nothing: the jugdir appears with the first write.
/// </summary>
/// <remarks>
/// Layout under the root: <c>results/ab/&lt;hash&gt;</c> (sharded by the hash's first byte),
/// <c>locks/&lt;hash&gt;.lock</c> (JSON owner and expiry), <c>failures/&lt;hash&gt;.json</c>,
/// <c>runs/&lt;time&gt;-&lt;id&gt;.json</c> (run-log batches) and
/// <c>bundles/&lt;id&gt;</c> (both inside the <see cref="StoredObject"/> envelope). Files whose names
/// start with '.' are in-flight temporaries and never read as objects.
/// </remarks>
public sealed class FileJugStore : IJugStore
{
    private readonly FileLayout _layout;
    private readonly FileStoreOptions _options;
    private readonly FileClaims _claims;

    /// <summary>How many temporary files a batch writes and syncs at once.</summary>
    private const int ParallelSyncs = 8;

    /// <summary>Opens the jugdir described by <paramref name="options"/> (without creating it).</summary>
    public FileJugStore(FileStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Root);
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
        cancellationToken.ThrowIfCancellationRequested();
        AtomicFile.Write(_layout.Result(key), encoded.Span, _options.Durable);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Group commit: the temporary files are written and synced (several at once when durable — file
    /// systems such as ext4 fold concurrent fsyncs into one journal commit, roughly doubling throughput),
    /// then all are renamed, then each directory touched is synced once rather than once per result.
    /// Each result is still atomic; a crash may keep some of the batch and not others.
    /// </remarks>
    public ValueTask PutManyAsync(IReadOnlyList<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var temporaries = new string?[entries.Count];
        var finals = new string[entries.Count];
        try
        {
            if (_options.Durable && entries.Count > 1)
            {
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = ParallelSyncs, CancellationToken = cancellationToken };
                Parallel.For(0, entries.Count, parallel, WriteTemporary);
            }
            else
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    WriteTemporary(i);
                }
            }

            for (var i = 0; i < finals.Length; i++)
            {
                AtomicFile.Commit(temporaries[i]!, finals[i]);
                temporaries[i] = null;
            }
        }
        catch (Exception e)
        {
            foreach (var temporary in temporaries)
            {
                if (temporary is not null)
                {
                    AtomicFile.TryDelete(temporary);
                }
            }

            if (e is AggregateException { InnerExceptions.Count: 1 } aggregate)
            {
                ExceptionDispatchInfo.Throw(aggregate.InnerExceptions[0]);
            }

            throw;
        }

        if (_options.Durable)
        {
            foreach (var directory in finals.Select(Path.GetDirectoryName).Distinct(StringComparer.Ordinal))
            {
                FileSync.SyncDirectory(directory!);
            }
        }

        return ValueTask.CompletedTask;

        void WriteTemporary(int i)
        {
            var (key, value) = entries[i];
            finals[i] = _layout.Result(key);
            temporaries[i] = AtomicFile.WriteTemporary(finals[i], value.Span, _options.Durable);
        }
    }

    /// <inheritdoc />
    public ValueTask<byte[]?> GetAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = _layout.Result(key);
        var bytes = AtomicFile.ReadOrNull(path);
        if (bytes is not null && !StoredObject.IsValid(bytes))
        {
            throw new CorruptObjectException($"The stored result {key} ({path}) is corrupt or truncated.");
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
                if ((i & 1023) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                exists[i] = System.IO.File.Exists(_layout.Result(keys[i]));
            }
        }

        return ValueTask.FromResult(exists);
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(AtomicFile.TryDelete(_layout.Result(key)));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TaskHash> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_layout.ResultsDirectory))
        {
            yield break;
        }

        foreach (var shard in Directory.EnumerateDirectories(_layout.ResultsDirectory))
        {
            foreach (var path in Directory.EnumerateFiles(shard))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!FileLayout.IsTemporary(path) && TaskHash.TryParse(Path.GetFileName(path), out var key))
                {
                    yield return key;
                }
            }
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> TryClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_claims.TryClaim(key, owner, timeToLive));
    }

    /// <inheritdoc />
    public ValueTask<bool> RenewClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_claims.Renew(key, owner, timeToLive));
    }

    /// <inheritdoc />
    public ValueTask<bool> ReleaseClaimAsync(TaskHash key, string owner, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_claims.Release(key, owner));
    }

    /// <inheritdoc />
    public ValueTask<bool> BreakClaimAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_claims.Break(key));
    }

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
        cancellationToken.ThrowIfCancellationRequested();
        AtomicFile.Write(_layout.Failure(failure.Key), FailureRecordCodec.Encode(failure), _options.Durable);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <exception cref="CorruptObjectException">The stored record does not verify.</exception>
    public ValueTask<FailureRecord?> GetFailureAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = AtomicFile.ReadOrNull(_layout.Failure(key));
        return ValueTask.FromResult(bytes is null ? null : FailureRecordCodec.Decode(bytes));
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteFailureAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(AtomicFile.TryDelete(_layout.Failure(key)));
    }

    /// <inheritdoc />
    /// <remarks>A record that does not verify is left out (as if missing); <see cref="GetFailureAsync"/> reports it.</remarks>
    public async IAsyncEnumerable<FailureRecord> ListFailuresAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_layout.FailuresDirectory))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(_layout.FailuresDirectory, "*" + FileLayout.FailureExtension))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!FileLayout.IsTemporary(path) && TryReadFailure(path) is { } failure)
            {
                yield return failure;
            }
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Bundles are kept inside the <see cref="StoredObject"/> envelope (<see cref="CodecId.Bytes"/>), so a
    /// damaged one is detected on read. A present bundle of the right size is not rewritten.
    /// </remarks>
    public ValueTask PutBundleAsync(string bundleId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = _layout.Bundle(BundleId.Check(bundleId));
        var present = new FileInfo(path);
        if (!present.Exists || present.Length != StoredObject.HeaderSize + content.Length)
        {
            AtomicFile.Write(path, StoredObject.Wrap(CodecId.Bytes, 0, content.Span), _options.Durable);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <exception cref="CorruptObjectException">The stored bundle does not verify.</exception>
    public ValueTask<byte[]?> GetBundleAsync(string bundleId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = AtomicFile.ReadOrNull(_layout.Bundle(BundleId.Check(bundleId)));
        return ValueTask.FromResult(bytes is null ? null : StoredObject.Open(bytes).Payload.ToArray());
    }

    /// <inheritdoc />
    public ValueTask<bool> BundleExistsAsync(string bundleId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(System.IO.File.Exists(_layout.Bundle(BundleId.Check(bundleId))));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Each batch is one file <c>runs/&lt;time&gt;-&lt;id&gt;.json</c>, renamed into place but not
    /// fsynced: the run log is history, not results, and is not worth a disk flush per batch.
    /// </remarks>
    public ValueTask AppendRunsAsync(IReadOnlyList<RunRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        cancellationToken.ThrowIfCancellationRequested();
        if (records.Count > 0)
        {
            AtomicFile.Write(_layout.NewRunBatch(), RunRecordCodec.Encode(records), durable: false);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>A batch that does not verify is left out.</remarks>
    public async IAsyncEnumerable<RunRecord> ListRunsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var path in RunBatches())
        {
            cancellationToken.ThrowIfCancellationRequested();
            RunRecord[] batch;
            try
            {
                batch = AtomicFile.ReadOrNull(path) is { } bytes ? RunRecordCodec.Decode(bytes) : [];
            }
            catch (CorruptObjectException)
            {
                continue;
            }

            foreach (var record in batch)
            {
                yield return record;
            }
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask<int> ClearRunsAsync(CancellationToken cancellationToken = default)
    {
        var removed = 0;
        foreach (var path in RunBatches())
        {
            cancellationToken.ThrowIfCancellationRequested();
            byte[]? bytes;
            try
            {
                bytes = AtomicFile.ReadOrNull(path);
                removed += bytes is null ? 0 : RunRecordCodec.Decode(bytes).Length;
            }
            catch (CorruptObjectException)
            {
            }

            AtomicFile.TryDelete(path);
        }

        return await ValueTask.FromResult(removed);
    }

    /// <summary>Nothing to release: every operation opens and closes its own files.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private IEnumerable<string> RunBatches() =>
        Directory.Exists(_layout.RunsDirectory)
            ? Directory.EnumerateFiles(_layout.RunsDirectory, "*" + FileLayout.RunExtension).Where(p => !FileLayout.IsTemporary(p))
            : [];

    private static FailureRecord? TryReadFailure(string path)
    {
        try
        {
            return AtomicFile.ReadOrNull(path) is { } bytes ? FailureRecordCodec.Decode(bytes) : null;
        }
        catch (CorruptObjectException)
        {
            return null;
        }
    }
}
