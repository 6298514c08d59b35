using System.Runtime.CompilerServices;
using Amazon.S3;
using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Stores.S3;

/// <summary>
/// A jugdir in an S3 bucket (<c>s3://bucket/prefix?endpoint=…&amp;region=…</c>), on AWS or an
/// S3-compatible server: one object per result, claim, failure record, bundle and run-log batch.
/// </summary>
/// <remarks>
/// A PUT is atomic and durable once acknowledged; reads and lists are strongly consistent on AWS
/// S3 (since 2020) and on the S3-compatible servers this is tested with. Batches run
/// <see cref="S3StoreOptions.Concurrency"/> requests at once. Opening contacts no server: a missing
/// bucket or bad credentials surface as one <see cref="JugStoreException"/> line on first use.
/// </remarks>
public sealed class S3JugStore : IJugStore
{
    private readonly AmazonS3Client _client;
    private readonly S3Objects _objects;
    private readonly S3Layout _layout;
    private readonly S3Claims _claims;
    private readonly int _concurrency;

    /// <summary>Creates the client for the store <paramref name="options"/> describe.</summary>
    /// <param name="options">The bucket, prefix and client settings.</param>
    /// <param name="logger">Where objects read again after a checksum mismatch are logged; none if null.</param>
    public S3JugStore(S3StoreOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        DisplayName = options.DisplayName;
        _client = options.Credentials is null ? new AmazonS3Client(options.Client) : new AmazonS3Client(options.Credentials, options.Client);
        _objects = new S3Objects(_client, options.Bucket, DisplayName, logger);
        _layout = new S3Layout(options.Prefix);
        _claims = new S3Claims(_objects, _layout, options.TimeProvider);
        _concurrency = options.Concurrency;
    }

    /// <inheritdoc />
    public string DisplayName { get; }

    /// <inheritdoc />
    /// <remarks>Uploaded from the caller's array without a copy, as one PUT.</remarks>
    public async ValueTask PutAsync(TaskHash key, ReadOnlyMemory<byte> encoded, CancellationToken cancellationToken = default) =>
        await _objects.PutAsync(_layout.Result(key), encoded, cancellationToken);

    /// <inheritdoc />
    public async ValueTask PutManyAsync(IReadOnlyList<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await Parallel.ForEachAsync(
            entries,
            new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken },
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
            new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken },
            async (i, ct) => exists[i] = await _objects.ExistsAsync(_layout.Result(keys[i]), ct));
        return exists;
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        await _objects.DeleteAsync(_layout.Result(key), cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<TaskHash> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var objectKey in _objects.ListAsync(_layout.Results, cancellationToken))
        {
            if (S3Layout.TryParse(objectKey, _layout.Results, out var key))
            {
                yield return key;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        await _claims.TryClaimAsync(key, owner, timeToLive, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> RenewClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        await _claims.RenewAsync(key, owner, timeToLive, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> ReleaseClaimAsync(TaskHash key, string owner, CancellationToken cancellationToken = default) =>
        await _claims.ReleaseAsync(key, owner, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> BreakClaimAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        await _claims.BreakAsync(key, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ClaimInfo> ListClaimsAsync(CancellationToken cancellationToken = default) =>
        _claims.ListAsync(cancellationToken);

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
        if (!await _objects.ExistsAsync(key, cancellationToken))
        {
            await _objects.PutAsync(key, StoredObject.Wrap(CodecId.Bytes, 0, content.Span), cancellationToken);
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

    /// <summary>Releases the HTTP client.</summary>
    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

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
