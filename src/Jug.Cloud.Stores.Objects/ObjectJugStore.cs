using System.Runtime.CompilerServices;
using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Objects;

/// <summary>
/// A jugdir in an object service: one object per result, claim, failure record, bundle, run-log
/// batch and worker status record under a prefix (<see cref="ObjectLayout"/>), over the provider's <see cref="IObjectBackend"/>.
/// Each provider derives from it only to name its store and build its backend.
/// </summary>
/// <remarks>
/// A put is atomic and durable once acknowledged; reads and lists must be strongly consistent (AWS S3
/// since 2020, Azure Blob, GCS). Batches run <see cref="ObjectStoreOptions.Concurrency"/> requests at
/// once. Claims use the service's preconditions when the backend offers them
/// (<see cref="IConditionalObjectBackend"/>), intent objects otherwise. Opening contacts no server: a
/// missing bucket or bad credentials surface as one <see cref="JugStoreException"/> line on first use.
/// </remarks>
public abstract class ObjectJugStore : DelegatingStore, IJugStore
{
    private readonly IObjectBackend _objects;
    private readonly ObjectLayout _layout;
    private readonly int _concurrency;

    /// <summary>A store over <paramref name="objects"/> with the prefix, concurrency and clock of <paramref name="options"/>.</summary>
    protected ObjectJugStore(IObjectBackend objects, ObjectStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        DisplayName = options.DisplayName;
        _objects = objects;
        _layout = new ObjectLayout(options.Prefix);
        Claims = objects is IConditionalObjectBackend conditional
            ? new ConditionalClaims(conditional, _layout, options.TimeProvider)
            : new IntentClaims(objects, _layout, options.TimeProvider);
        _concurrency = options.Concurrency;
        Workers = new ObjectWorkers(objects, _layout, options.TimeProvider);
    }

    /// <inheritdoc />
    public string DisplayName { get; }

    /// <inheritdoc />
    protected override IClaimStore Claims { get; }

    /// <inheritdoc />
    protected override IWorkerStatusStore Workers { get; }

    /// <inheritdoc />
    /// <remarks>Uploaded from the caller's memory without a copy, as one request.</remarks>
    public async ValueTask PutAsync(TaskHash key, ReadOnlyMemory<byte> encoded, CancellationToken cancellationToken = default) =>
        await _objects.PutAsync(_layout.Result(key), encoded, cancellationToken);

    /// <inheritdoc />
    public async ValueTask PutManyAsync(IReadOnlyList<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await Parallel.ForEachAsync(
            entries,
            Batch(cancellationToken),
            async (entry, ct) => await _objects.PutAsync(_layout.Result(entry.Key), entry.Value, ct));
    }

    /// <inheritdoc />
    public async ValueTask<byte[]?> GetAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        var bytes = await _objects.GetAsync(_layout.Result(key), cancellationToken);
        return bytes is null || StoredObject.IsValid(bytes)
            ? bytes
            : throw new CorruptObjectException($"The stored result {key} in {DisplayName} is corrupt or truncated.");
    }

    /// <inheritdoc />
    public async ValueTask<bool[]> ExistsAsync(IReadOnlyList<TaskHash> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var exists = new bool[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            Batch(cancellationToken),
            async (i, ct) => exists[i] = await _objects.ExistsAsync(_layout.Result(keys[i]), ct));
        return exists;
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        await _objects.DeleteAsync(_layout.Result(key), cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<TaskHash> ListAsync(CancellationToken cancellationToken = default) =>
        KeysAsync(_layout.Results, cancellationToken);

    /// <inheritdoc />
    public async ValueTask PutFailureAsync(FailureRecord failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        await _objects.PutAsync(_layout.Failure(failure.Key), FailureRecordCodec.Encode(failure), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="CorruptObjectException">The stored record does not verify.</exception>
    public async ValueTask<FailureRecord?> GetFailureAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        await _objects.GetAsync(_layout.Failure(key), cancellationToken) is { } bytes ? FailureRecordCodec.Decode(bytes) : null;

    /// <inheritdoc />
    public async ValueTask<bool> DeleteFailureAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        await _objects.DeleteAsync(_layout.Failure(key), cancellationToken);

    /// <inheritdoc />
    /// <remarks>A record that does not verify is left out; <see cref="GetFailureAsync"/> reports it.</remarks>
    public async IAsyncEnumerable<FailureRecord> ListFailuresAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var objectKey in _objects.ListAsync(_layout.Failures, cancellationToken))
        {
            if (await _objects.GetAsync(objectKey, cancellationToken) is { } bytes && TryDecode(bytes, FailureRecordCodec.Decode) is { } failure)
            {
                yield return failure;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Kept inside the <see cref="StoredObject"/> envelope (<see cref="CodecId.Bytes"/>) so damage is detected on read.</remarks>
    public async ValueTask PutBundleAsync(string bundleId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var key = _layout.Bundle(BundleId.Check(bundleId));
        if (await _objects.ExistsAsync(key, cancellationToken))
        {
            return;
        }

        var wrapped = StoredObject.Wrap(CodecId.Bytes, 0, content.Span);
        if (_objects is IConditionalObjectBackend conditional)
        {
            // Created only if absent: a racer that stored it first wins, and the bundle is the same either way.
            await conditional.TryCreateAsync(key, wrapped, cancellationToken);
        }
        else
        {
            await _objects.PutAsync(key, wrapped, cancellationToken);
        }
    }

    /// <inheritdoc />
    /// <exception cref="CorruptObjectException">The stored bundle does not verify.</exception>
    public async ValueTask<byte[]?> GetBundleAsync(string bundleId, CancellationToken cancellationToken = default)
    {
        var stored = await _objects.GetAsync(_layout.Bundle(BundleId.Check(bundleId)), cancellationToken);
        return stored is null ? null : StoredObject.Open(stored).Payload.ToArray();
    }

    /// <inheritdoc />
    public async ValueTask<bool> BundleExistsAsync(string bundleId, CancellationToken cancellationToken = default) =>
        await _objects.ExistsAsync(_layout.Bundle(BundleId.Check(bundleId)), cancellationToken);

    /// <inheritdoc />
    public async ValueTask PutBundleSignatureAsync(string bundleId, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken = default) =>
        await _objects.PutAsync(_layout.BundleSignature(BundleId.Check(bundleId)), StoredObject.Wrap(CodecId.Bytes, 0, signature.Span), cancellationToken);

    /// <inheritdoc />
    /// <exception cref="CorruptObjectException">The stored signature does not verify.</exception>
    public async ValueTask<byte[]?> GetBundleSignatureAsync(string bundleId, CancellationToken cancellationToken = default)
    {
        var stored = await _objects.GetAsync(_layout.BundleSignature(BundleId.Check(bundleId)), cancellationToken);
        return stored is null ? null : StoredObject.Open(stored).Payload.ToArray();
    }

    /// <inheritdoc />
    /// <remarks>Each batch is one object <c>runs/&lt;time&gt;-&lt;id&gt;</c>.</remarks>
    public async ValueTask AppendRunsAsync(IReadOnlyList<RunRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count > 0)
        {
            await _objects.PutAsync(_layout.NewRunBatch(), RunRecordCodec.Encode(records), cancellationToken);
        }
    }

    /// <inheritdoc />
    /// <remarks>A batch that does not verify is left out.</remarks>
    public async IAsyncEnumerable<RunRecord> ListRunsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var objectKey in _objects.ListAsync(_layout.Runs, cancellationToken))
        {
            var batch = await _objects.GetAsync(objectKey, cancellationToken) is { } bytes ? TryDecode(bytes, RunRecordCodec.Decode) : null;
            foreach (var record in batch ?? [])
            {
                yield return record;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<int> ClearRunsAsync(CancellationToken cancellationToken = default)
    {
        var removed = 0;
        var batches = new List<string>();
        await foreach (var objectKey in _objects.ListAsync(_layout.Runs, cancellationToken))
        {
            batches.Add(objectKey);
        }

        foreach (var objectKey in batches)
        {
            if (await _objects.GetAsync(objectKey, cancellationToken) is { } bytes)
            {
                removed += TryDecode(bytes, RunRecordCodec.Decode)?.Length ?? 0;
            }

            await _objects.DeleteQuietlyAsync(objectKey, cancellationToken);
        }

        return removed;
    }

    /// <summary>Releases the backend if it holds anything (an HTTP client); most hold nothing of their own.</summary>
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        (_objects as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async IAsyncEnumerable<TaskHash> KeysAsync(string folder, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var objectKey in _objects.ListAsync(folder, cancellationToken))
        {
            if (ObjectLayout.TryParse(objectKey, folder, out var key))
            {
                yield return key;
            }
        }
    }

    private ParallelOptions Batch(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken };

    private static T? TryDecode<T>(byte[] bytes, Func<ReadOnlyMemory<byte>, T> decode)
        where T : class
    {
        try
        {
            return decode(bytes);
        }
        catch (CorruptObjectException)
        {
            return null;
        }
    }
}
