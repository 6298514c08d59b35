using System.IO.Enumeration;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.File;

/// <summary>
/// The default store: a jugdir on a local or NFS file system. Results are written atomically
/// (temporary file, fsync, rename, directory fsync); the small results of a group commit share one
/// pack file and one fsync.
/// Opening a store creates nothing: the jugdir appears with the first write.
/// </summary>
/// <remarks>
/// Layout under the root: <c>results/ab/&lt;hash&gt;</c> (sharded by the hash's first byte),
/// <c>results/packs/&lt;id&gt;.pack</c> (small results of one group commit),
/// <c>locks/&lt;hash&gt;.lock</c> (JSON owner and expiry), <c>failures/&lt;hash&gt;.json</c>,
/// <c>runs/&lt;time&gt;-&lt;id&gt;.json</c> (run-log batches) and
/// <c>bundles/&lt;id&gt;</c> (both inside the <see cref="StoredObject"/> envelope). Files whose names
/// start with '.' are in-flight temporaries and never read as objects.
/// </remarks>
public sealed class FileJugStore : IJugStore, ISoloWriter
{
    private readonly FileLayout _layout;
    private readonly FileStoreOptions _options;
    private readonly FileClaims _claims;

    /// <summary>How many temporary files a batch writes and syncs at once.</summary>
    private const int ParallelSyncs = 8;

    /// <summary>Results up to this size are stored in packs when several are put at once; larger ones get a file each.</summary>
    public const int PackedResultLimit = 1 << 20;

    /// <summary>A group commit starts a new pack once the current one holds this many bytes.</summary>
    private const long PackSizeLimit = 64L << 20;

    /// <summary>
    /// A shard directory asked about at least this many keys in one existence check is listed rather than
    /// stat'ed key by key: listing costs about what a few dozen stats do, even for thousands of entries.
    /// </summary>
    private const int ListShardThreshold = 64;

    private readonly ResultPacks _packs;
    private volatile bool _writingAlone;

    /// <summary>Opens the jugdir described by <paramref name="options"/> (without creating it).</summary>
    public FileJugStore(FileStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Root);
        _options = options;
        _layout = new FileLayout(options.Root);
        _claims = new FileClaims(_layout, options.TimeProvider);
        _packs = new ResultPacks(_layout.PacksDirectory, options.Durable);
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
    /// While this process writes alone (<see cref="SetWritingAlone"/>), results of up to
    /// <see cref="PackedResultLimit"/> bytes are written together as one pack file
    /// (<see cref="ResultPack"/>): one file creation, one fsync and one directory sync for the whole
    /// group, where a file per result costs a creation and an fsync each. Otherwise, and for larger
    /// results, each result gets a file: written several at once, then renamed, then each directory
    /// touched is synced once. Files are what processes sharing a jugdir write, because finding one
    /// costs a <c>stat</c>, where a pack another process just wrote costs listing the packs. Each
    /// result is atomic; a crash may keep some of the group and not others.
    /// </remarks>
    public ValueTask PutManyAsync(IReadOnlyList<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        cancellationToken.ThrowIfCancellationRequested();
        var packed = new List<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>>();
        var single = new List<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>>();
        var pack = _writingAlone;
        foreach (var entry in entries)
        {
            (pack && entry.Value.Length <= PackedResultLimit ? packed : single).Add(entry);
        }

        if (packed.Count == 1)
        {
            single.Add(packed[0]);
            packed.Clear();
        }

        var start = 0;
        long bytes = 0;
        for (var i = 0; i < packed.Count; i++)
        {
            bytes += packed[i].Value.Length;
            if (bytes >= PackSizeLimit || i == packed.Count - 1)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _packs.Write(packed.GetRange(start, i + 1 - start));
                start = i + 1;
                bytes = 0;
            }
        }

        PutFiles(single, cancellationToken);
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes each result as its own file: temporaries (several at once), renames, directory syncs.</summary>
    private void PutFiles(List<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> entries, CancellationToken cancellationToken)
    {
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

        void WriteTemporary(int i)
        {
            var (key, value) = entries[i];
            finals[i] = _layout.Result(key);
            temporaries[i] = AtomicFile.WriteTemporary(finals[i], value.Span, _options.Durable);
        }
    }

    /// <inheritdoc />
    public void SetWritingAlone(bool alone) => _writingAlone = alone;

    /// <inheritdoc />
    /// <remarks>
    /// Looks in the packs this store knows, then for a file of its own, then in packs other processes
    /// wrote since.
    /// </remarks>
    public ValueTask<byte[]?> GetAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = _layout.Result(key);
        var bytes = _packs.TryRead(key, refresh: false) ?? AtomicFile.ReadOrNull(path) ?? _packs.TryRead(key, refresh: true);
        if (bytes is not null && !StoredObject.IsValid(bytes))
        {
            throw new CorruptObjectException($"The stored result {key} ({path}, or a pack in {_packs.Directory}) is corrupt or truncated.");
        }

        return ValueTask.FromResult(bytes);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The packs' index answers from memory (after catching up with others' packs: a <c>stat</c> of
    /// their directory, a listing if it changed). Keys not in a pack are looked for as files: a
    /// <c>stat</c> each, or one listing of a shard directory asked about many keys at once.
    /// </remarks>
    public ValueTask<bool[]> ExistsAsync(IReadOnlyList<TaskHash> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var exists = new bool[keys.Count];
        if (keys.Count == 0 || !Directory.Exists(_layout.ResultsDirectory))
        {
            return ValueTask.FromResult(exists);
        }

        _packs.Refresh();
        var byShard = new Dictionary<byte, List<int>>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (_packs.Contains(keys[i]))
            {
                exists[i] = true;
            }
            else if (!byShard.TryGetValue(keys[i].Prefix, out var indices))
            {
                byShard[keys[i].Prefix] = [i];
            }
            else
            {
                indices.Add(i);
            }
        }

        foreach (var indices in byShard.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (indices.Count >= ListShardThreshold)
            {
                var stored = ResultFilesIn(Path.GetDirectoryName(_layout.Result(keys[indices[0]]))!);
                foreach (var i in indices)
                {
                    exists[i] = stored.Contains(keys[i]);
                }
            }
            else
            {
                foreach (var i in indices)
                {
                    exists[i] = System.IO.File.Exists(_layout.Result(keys[i]));
                }
            }
        }

        return ValueTask.FromResult(exists);
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        await DeleteManyAsync([key], cancellationToken) > 0;

    /// <inheritdoc />
    /// <remarks>Each pack holding any of the keys is rewritten once, without them.</remarks>
    public ValueTask<int> DeleteManyAsync(IReadOnlyCollection<TaskHash> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        var removed = new HashSet<TaskHash>();
        foreach (var key in keys)
        {
            if (AtomicFile.TryDelete(_layout.Result(key)))
            {
                removed.Add(key);
            }
        }

        removed.UnionWith(_packs.Remove(keys));
        return ValueTask.FromResult(removed.Count);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TaskHash> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_layout.ResultsDirectory))
        {
            yield break;
        }

        var packed = _packs.Keys().ToHashSet();
        foreach (var key in packed)
        {
            yield return key;
        }

        foreach (var shard in Directory.EnumerateDirectories(_layout.ResultsDirectory))
        {
            foreach (var key in ResultFilesIn(shard))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!packed.Contains(key))
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

    /// <summary>The results stored as files in one shard directory (temporaries and other names left out).</summary>
    private static HashSet<TaskHash> ResultFilesIn(string directory)
    {
        var names = new FileSystemEnumerable<TaskHash>(directory, static (ref FileSystemEntry entry) => TaskHash.TryParse(entry.FileName, out var key) ? key : default)
        {
            ShouldIncludePredicate = static (ref FileSystemEntry entry) =>
                !entry.IsDirectory && entry.FileName.Length == TaskHash.Size * 2 && TaskHash.TryParse(entry.FileName, out _),
        };
        try
        {
            return [.. names];
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

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
