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
/// <c>runs/&lt;time&gt;-&lt;id&gt;.json</c> (run-log batches), <c>workers/&lt;name&gt;.json</c> (worker
/// status records) and <c>bundles/&lt;id&gt;</c> (all inside the <see cref="StoredObject"/> envelope). Files whose names
/// start with '.' are in-flight temporaries and never read as objects. Each kind of object has a part
/// of its own (<see cref="FileResults"/>, <see cref="FileClaims"/>, <see cref="FileFailures"/>,
/// <see cref="FileBundles"/>, <see cref="FileRunLog"/>, <see cref="FileWorkers"/>); this class puts them behind one
/// <see cref="IJugStore"/>.
/// </remarks>
public sealed class FileJugStore : DelegatingStore, IJugStore, ISoloWriter, IStoreAudit
{
    /// <summary>Results up to this size are stored in packs when several are put at once; larger ones get a file each.</summary>
    public const int PackedResultLimit = 1 << 20;

    /// <summary>
    /// A process's first run-log append compacts the log when it finds more batch files than this in
    /// <c>runs/</c>, so the run log stays about this many files however many runs there were.
    /// </summary>
    public const int CompactRunLogAbove = 16;

    private readonly FileLayout _layout;
    private readonly FileResults _results;
    private readonly FileFailures _failures;
    private readonly FileBundles _bundles;
    private readonly FileRunLog _runs;
    private readonly FileAudit _audit;

    /// <summary>Opens the jugdir described by <paramref name="options"/> (without creating it).</summary>
    public FileJugStore(FileStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Root);
        _layout = new FileLayout(options.Root);
        _results = new FileResults(_layout, options.Durable);
        Claims = new FileClaims(_layout, options.TimeProvider);
        _failures = new FileFailures(_layout, options.Durable);
        _bundles = new FileBundles(_layout, options.Durable);
        _runs = new FileRunLog(_layout);
        _audit = new FileAudit(_layout);
        Workers = new FileWorkers(_layout, options.TimeProvider);
    }

    /// <summary>The jugdir's absolute path.</summary>
    public string Root => _layout.Root;

    /// <inheritdoc />
    public string DisplayName => _layout.Root;

    /// <inheritdoc />
    protected override IClaimStore Claims { get; }

    /// <inheritdoc />
    protected override IWorkerStatusStore Workers { get; }

    /// <inheritdoc />
    public ValueTask PutAsync(TaskHash key, ReadOnlyMemory<byte> encoded, CancellationToken cancellationToken = default) =>
        _results.PutAsync(key, encoded, cancellationToken);

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
    public ValueTask PutManyAsync(IReadOnlyList<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> entries, CancellationToken cancellationToken = default) =>
        _results.PutManyAsync(entries, cancellationToken);

    /// <inheritdoc />
    public void SetWritingAlone(bool alone) => _results.WritingAlone = alone;

    /// <inheritdoc />
    /// <remarks>
    /// Looks in the packs this store knows, then for a file of its own, then in packs other processes
    /// wrote since.
    /// </remarks>
    public ValueTask<byte[]?> GetAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        _results.GetAsync(key, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// The packs' index answers from memory (after catching up with others' packs: a <c>stat</c> of
    /// their directory, a listing if it changed). Keys not in a pack are looked for as files: a
    /// <c>stat</c> each, or one listing of a shard directory asked about many keys at once.
    /// </remarks>
    public ValueTask<bool[]> ExistsAsync(IReadOnlyList<TaskHash> keys, CancellationToken cancellationToken = default) =>
        _results.ExistsAsync(keys, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        await DeleteManyAsync([key], cancellationToken) > 0;

    /// <inheritdoc />
    /// <remarks>Each pack holding any of the keys is rewritten once, without them.</remarks>
    public ValueTask<int> DeleteManyAsync(IReadOnlyCollection<TaskHash> keys, CancellationToken cancellationToken = default) =>
        _results.DeleteManyAsync(keys, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<TaskHash> ListAsync(CancellationToken cancellationToken = default) =>
        _results.ListAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask PutFailureAsync(FailureRecord failure, CancellationToken cancellationToken = default) =>
        _failures.PutFailureAsync(failure, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="CorruptObjectException">The stored record does not verify.</exception>
    public ValueTask<FailureRecord?> GetFailureAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        _failures.GetFailureAsync(key, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> DeleteFailureAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        _failures.DeleteFailureAsync(key, cancellationToken);

    /// <inheritdoc />
    /// <remarks>A record that does not verify is left out (as if missing); <see cref="GetFailureAsync"/> reports it.</remarks>
    public IAsyncEnumerable<FailureRecord> ListFailuresAsync(CancellationToken cancellationToken = default) =>
        _failures.ListFailuresAsync(cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Bundles are kept inside the <see cref="StoredObject"/> envelope (<see cref="CodecId.Bytes"/>), so a
    /// damaged one is detected on read. A present bundle of the right size is not rewritten.
    /// </remarks>
    public ValueTask PutBundleAsync(string bundleId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        _bundles.PutBundleAsync(bundleId, content, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="CorruptObjectException">The stored bundle does not verify.</exception>
    public ValueTask<byte[]?> GetBundleAsync(string bundleId, CancellationToken cancellationToken = default) =>
        _bundles.GetBundleAsync(bundleId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> BundleExistsAsync(string bundleId, CancellationToken cancellationToken = default) =>
        _bundles.BundleExistsAsync(bundleId, cancellationToken);

    /// <inheritdoc />
    public ValueTask PutBundleSignatureAsync(string bundleId, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken = default) =>
        _bundles.PutBundleSignatureAsync(bundleId, signature, cancellationToken);

    /// <inheritdoc />
    public ValueTask<byte[]?> GetBundleSignatureAsync(string bundleId, CancellationToken cancellationToken = default) =>
        _bundles.GetBundleSignatureAsync(bundleId, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Each batch is one file <c>runs/&lt;time&gt;-&lt;id&gt;.json</c>, renamed into place but not
    /// fsynced: the run log is history, not results, and is not worth a disk flush per batch. The
    /// first append of a store finding many batch files compacts them first (<see cref="CompactRunsAsync"/>).
    /// </remarks>
    public ValueTask AppendRunsAsync(IReadOnlyList<RunRecord> records, CancellationToken cancellationToken = default) =>
        _runs.AppendRunsAsync(records, cancellationToken);

    /// <inheritdoc />
    /// <remarks>A batch that does not verify is left out.</remarks>
    public IAsyncEnumerable<RunRecord> ListRunsAsync(CancellationToken cancellationToken = default) =>
        _runs.ListRunsAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> ClearRunsAsync(CancellationToken cancellationToken = default) =>
        _runs.ClearRunsAsync(cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// The kept records are written as one new batch file before the batches they came from are
    /// removed, so a crash in between leaves duplicates, never a gap. A process's first append also
    /// compacts when it finds more than <see cref="FileRunLog.CompactAbove"/> batch files, which keeps
    /// <c>runs/</c> bounded without anyone calling this.
    /// </remarks>
    public ValueTask<int> CompactRunsAsync(Func<TaskHash, bool>? keep = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_runs.Compact(keep));
    }

    /// <inheritdoc />
    /// <remarks>Names are paths relative to the jugdir: <c>failures/…</c>, <c>bundles/…</c>, <c>runs/…</c>.</remarks>
    public IAsyncEnumerable<AuditedObject> AuditAsync(CancellationToken cancellationToken = default) =>
        _audit.AuditAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> RemoveAsync(AuditedObject item, CancellationToken cancellationToken = default) =>
        _audit.RemoveAsync(item, cancellationToken);

    /// <summary>Nothing to release: every operation opens and closes its own files.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
