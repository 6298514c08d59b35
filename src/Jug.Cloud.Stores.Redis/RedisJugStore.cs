using System.Runtime.CompilerServices;
using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Redis;

/// <summary>
/// A jugdir on one Redis server (<c>redis://[user:password@]host:port[/db][?prefix=…]</c>): results,
/// claims, failure records, bundles, the run log and worker status records under one key prefix. Batches are pipelined;
/// claims are owner-checked Lua scripts; large results move in chunks; connection faults are retried.
/// </summary>
/// <remarks>
/// Durability is the server's: run Redis with AOF (<c>appendonly yes</c>) or a result reported stored
/// can vanish in a restart. One server or a primary with replicas; Redis Cluster is not supported
/// (listing scans one node).
/// </remarks>
public sealed class RedisJugStore : DelegatingStore, IJugStore
{
    private readonly ConnectionMultiplexer _connection;
    private readonly IDatabase _database;
    private readonly RedisKeys _keys;
    private readonly RedisRetry _retry;
    private readonly RedisBlobs _blobs;
    private readonly RedisRunLog _runs;

    private RedisJugStore(ConnectionMultiplexer connection, RedisStoreOptions options, ILogger? logger)
    {
        _connection = connection;
        DisplayName = options.DisplayName;
        _database = connection.GetDatabase();
        _keys = new RedisKeys(options.KeyPrefix);
        _retry = new RedisRetry(options.RetryFor, DisplayName, logger);
        _blobs = new RedisBlobs(_database, _keys, _retry, options.ChunkSize, DisplayName);
        Claims = new RedisClaims(_database, _keys, _retry, options.TimeProvider, () => Server);
        _runs = new RedisRunLog(_database, _keys, _retry);
        Workers = new RedisWorkers(_database, _keys, _retry, options.TimeProvider, () => Server);
    }

    /// <inheritdoc />
    public string DisplayName { get; }

    /// <inheritdoc />
    protected override IClaimStore Claims { get; }

    /// <inheritdoc />
    protected override IWorkerStatusStore Workers { get; }

    /// <summary>Connects to the server; fails with one <see cref="JugStoreException"/> line if it cannot be reached.</summary>
    /// <param name="options">The server and the store's settings.</param>
    /// <param name="logger">Where retries through connection faults are logged; none if null.</param>
    public static RedisJugStore Connect(RedisStoreOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkSize, 1024);
        try
        {
            return new RedisJugStore(ConnectionMultiplexer.Connect(options.Configuration), options, logger);
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
                () =>
                {
                    var batch = _database.CreateBatch();
                    var sets = Array.ConvertAll(small, e => batch.StringSetAsync(_keys.Result(e.Key), e.Value));
                    batch.Execute();
                    return Task.WhenAll(sets);
                },
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
            () =>
            {
                var batch = _database.CreateBatch();
                var checks = keys.Select(k => batch.KeyExistsAsync(_keys.Result(k))).ToArray();
                batch.Execute();
                return Task.WhenAll(checks);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        await _retry.RunAsync(() => _database.KeyDeleteAsync(_keys.Result(key)), cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<TaskHash> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in RedisScan.PagesAsync(Server, _database.Database, _keys.Pattern(RedisKeys.ResultTag), _retry, cancellationToken))
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
        await _retry.RunAsync(() => _database.StringSetAsync(_keys.Failure(failure.Key), encoded), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="CorruptObjectException">The stored record does not verify.</exception>
    public async ValueTask<FailureRecord?> GetFailureAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        byte[]? bytes = await _retry.RunAsync(() => _database.StringGetAsync(_keys.Failure(key)), cancellationToken);
        return bytes is null ? null : FailureRecordCodec.Decode(bytes);
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteFailureAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        await _retry.RunAsync(() => _database.KeyDeleteAsync(_keys.Failure(key)), cancellationToken);

    /// <inheritdoc />
    /// <remarks>A record that does not verify is left out; <see cref="GetFailureAsync"/> reports it.</remarks>
    public async IAsyncEnumerable<FailureRecord> ListFailuresAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in RedisScan.PagesAsync(Server, _database.Database, _keys.Pattern(RedisKeys.FailureTag), _retry, cancellationToken))
        {
            var values = await _retry.RunAsync(() => _database.StringGetAsync(page), cancellationToken);
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
        if (!await _retry.RunAsync(() => _database.KeyExistsAsync(key), cancellationToken))
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
        return await _retry.RunAsync(() => _database.KeyExistsAsync(key), cancellationToken);
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
    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private IServer Server => _connection.GetServer(_connection.GetEndPoints()[0]);

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
