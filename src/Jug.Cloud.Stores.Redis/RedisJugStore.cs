using System.Runtime.CompilerServices;
using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Redis;

/// <summary>
/// A jugdir on Redis (<c>redis://[user:password@]host:port[/db][?prefix=…]</c>; several servers as a
/// Redis Cluster or as shards, see <see cref="RedisShards"/>): results,
/// claims, failure records, bundles, the run log and worker status records under one key prefix. Batches are pipelined;
/// claims are owner-checked Lua scripts; large results move in chunks; connection faults are retried.
/// </summary>
/// <remarks>
/// Durability is the server's: run Redis with AOF (<c>appendonly yes</c>) or a result reported stored
/// can vanish in a restart. One server, a primary with replicas, a Redis Cluster (every multi-key
/// script keeps its keys in one hash slot; listing scans every primary), or plain servers sharing the
/// keys by task hash.
/// </remarks>
public sealed class RedisJugStore : DelegatingStore, IJugStore
{
    private readonly RedisShards _shards;
    private readonly RedisKeys _keys;
    private readonly RedisRetry _retry;
    private readonly RedisBlobs _blobs;
    private readonly RedisRunLog _runs;

    private RedisJugStore(RedisShards shards, RedisKeys keys, RedisStoreOptions options, ILogger? logger)
    {
        _shards = shards;
        DisplayName = options.DisplayName;
        _keys = keys;
        _retry = new RedisRetry(options.RetryFor, DisplayName, logger);
        _blobs = new RedisBlobs(_shards, _keys, _retry, options.ChunkSize, DisplayName);
        Claims = new RedisClaims(_shards, _keys, _retry, options.TimeProvider);
        _runs = new RedisRunLog(_shards, _keys, _retry);
        Workers = new RedisWorkers(_shards, _keys, _retry, options.TimeProvider);
    }

    /// <inheritdoc />
    public string DisplayName { get; }

    /// <inheritdoc />
    protected override IClaimStore Claims { get; }

    /// <inheritdoc />
    protected override IWorkerStatusStore Workers { get; }

    /// <summary>Connects to the server (or every server); fails with one <see cref="JugStoreException"/> line if one cannot be reached or a sharded jugdir's server list changed.</summary>
    /// <param name="options">The server and the store's settings.</param>
    /// <param name="logger">Where retries through connection faults are logged; none if null.</param>
    public static RedisJugStore Connect(RedisStoreOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkSize, 1024);
        try
        {
            var keys = new RedisKeys(options.KeyPrefix);
            return new RedisJugStore(RedisShards.Connect(options, keys), keys, options, logger);
        }
        catch (RedisException e)
        {
            throw new JugStoreException($"The Redis store {options.DisplayName} cannot be reached: {FirstSentence(e.Message)}", e);
        }
    }

    /// <inheritdoc />
    public ValueTask PutAsync(TaskHash key, ReadOnlyMemory<byte> encoded, CancellationToken cancellationToken = default) =>
        new(_blobs.WriteAsync(_keys.Result(key), encoded, cancellationToken));

    /// <inheritdoc />
    /// <remarks>Entries up to the chunk size go out as one pipelined batch of SETs; larger ones one by one in chunks.</remarks>
    public async ValueTask PutManyAsync(IReadOnlyList<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var small = entries.Where(e => !_blobs.IsLarge(e.Value.Length)).ToArray();
        if (small.Length > 0)
        {
            await _retry.RunAsync(
                () => _shards.BatchAsync(
                    Array.ConvertAll(small, e => _keys.Result(e.Key)),
                    (batch, key, i) => batch.StringSetAsync(key, small[i].Value)),
                cancellationToken);
        }

        foreach (var (key, value) in entries.Where(e => _blobs.IsLarge(e.Value.Length)))
        {
            await _blobs.WriteAsync(_keys.Result(key), value, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask<byte[]?> GetAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        await _blobs.ReadStoredObjectAsync(_keys.Result(key), $"result {key}", cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool[]> ExistsAsync(IReadOnlyList<TaskHash> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        return await _retry.RunAsync(
            () => _shards.BatchAsync(keys.Select(_keys.Result).ToArray(), (batch, key, _) => batch.KeyExistsAsync(key)),
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        var result = _keys.Result(key);
        return await _retry.RunAsync(() => _shards.For(result).KeyDeleteAsync(result), cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TaskHash> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in RedisScan.PagesAsync(_shards, _keys.Pattern(RedisKeys.ResultTag), _retry, cancellationToken))
        {
            foreach (var key in page)
            {
                if (_keys.TryParse(key, RedisKeys.ResultTag, out var hash))
                {
                    yield return hash;
                }
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask PutFailureAsync(FailureRecord failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var encoded = FailureRecordCodec.Encode(failure);
        var key = _keys.Failure(failure.Key);
        await _retry.RunAsync(() => _shards.For(key).StringSetAsync(key, encoded), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="CorruptObjectException">The stored record does not verify.</exception>
    public async ValueTask<FailureRecord?> GetFailureAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        var failure = _keys.Failure(key);
        byte[]? bytes = await _retry.RunAsync(() => _shards.For(failure).StringGetAsync(failure), cancellationToken);
        return bytes is null ? null : FailureRecordCodec.Decode(bytes);
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteFailureAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        var failure = _keys.Failure(key);
        return await _retry.RunAsync(() => _shards.For(failure).KeyDeleteAsync(failure), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>A record that does not verify is left out; <see cref="GetFailureAsync"/> reports it.</remarks>
    public async IAsyncEnumerable<FailureRecord> ListFailuresAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in RedisScan.PagesAsync(_shards, _keys.Pattern(RedisKeys.FailureTag), _retry, cancellationToken))
        {
            var values = await _retry.RunAsync(() => _shards.GetManyAsync(page), cancellationToken);
            foreach (var value in values)
            {
                if (TryDecodeFailure(value) is { } failure)
                {
                    yield return failure;
                }
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Kept inside the <see cref="StoredObject"/> envelope (<see cref="CodecId.Bytes"/>) so damage is detected on read.</remarks>
    public async ValueTask PutBundleAsync(string bundleId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var key = _keys.Bundle(BundleId.Check(bundleId));
        if (!await _retry.RunAsync(() => _shards.For(key).KeyExistsAsync(key), cancellationToken))
        {
            await _blobs.WriteAsync(key, StoredObject.Wrap(CodecId.Bytes, 0, content.Span), cancellationToken);
        }
    }

    /// <inheritdoc />
    /// <exception cref="CorruptObjectException">The stored bundle does not verify.</exception>
    public async ValueTask<byte[]?> GetBundleAsync(string bundleId, CancellationToken cancellationToken = default)
    {
        var stored = await _blobs.ReadStoredObjectAsync(_keys.Bundle(BundleId.Check(bundleId)), $"bundle {bundleId}", cancellationToken);
        return stored is null ? null : StoredObject.Open(stored).Payload.ToArray();
    }

    /// <inheritdoc />
    public async ValueTask<bool> BundleExistsAsync(string bundleId, CancellationToken cancellationToken = default)
    {
        var key = _keys.Bundle(BundleId.Check(bundleId));
        return await _retry.RunAsync(() => _shards.For(key).KeyExistsAsync(key), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask PutBundleSignatureAsync(string bundleId, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken = default) =>
        await _blobs.WriteAsync(_keys.BundleSignature(BundleId.Check(bundleId)), StoredObject.Wrap(CodecId.Bytes, 0, signature.Span), cancellationToken);

    /// <inheritdoc />
    /// <exception cref="CorruptObjectException">The stored signature does not verify.</exception>
    public async ValueTask<byte[]?> GetBundleSignatureAsync(string bundleId, CancellationToken cancellationToken = default)
    {
        var stored = await _blobs.ReadStoredObjectAsync(_keys.BundleSignature(BundleId.Check(bundleId)), $"bundle signature {bundleId}", cancellationToken);
        return stored is null ? null : StoredObject.Open(stored).Payload.ToArray();
    }

    /// <inheritdoc />
    public async ValueTask AppendRunsAsync(IReadOnlyList<RunRecord> records, CancellationToken cancellationToken = default) =>
        await _runs.AppendAsync(records, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<RunRecord> ListRunsAsync(CancellationToken cancellationToken = default) =>
        _runs.ListAsync(_keys.Runs, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<int> ClearRunsAsync(CancellationToken cancellationToken = default) =>
        await _runs.ClearAsync(cancellationToken);

    /// <summary>Closes the connection, letting commands already sent finish.</summary>
    public async ValueTask DisposeAsync() => await _shards.DisposeAsync();

    private static FailureRecord? TryDecodeFailure(RedisValue value)
    {
        try
        {
            return value.IsNull ? null : FailureRecordCodec.Decode((byte[])value!);
        }
        catch (CorruptObjectException)
        {
            return null;
        }
    }

    private static string FirstSentence(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        var end = line.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? line : line[..(end + 1)];
    }
}
