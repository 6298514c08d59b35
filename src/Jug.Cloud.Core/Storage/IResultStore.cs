namespace Jug.Cloud.Storage;

/// <summary>
/// Where results live. The store is the durable truth: a task is done if and only if its result
/// object is in the store. Objects are opaque encoded bytes (see <c>StoredObject</c>); a put is atomic
/// (readers see the whole object or none) and idempotent (same key, same bytes).
/// </summary>
public interface IResultStore
{
    /// <summary>Stores one encoded result atomically, replacing any previous object under the key.</summary>
    ValueTask PutAsync(TaskHash key, ReadOnlyMemory<byte> encoded, CancellationToken cancellationToken = default);

    /// <summary>Stores several results; each one atomic. Providers may group them for throughput.</summary>
    ValueTask PutManyAsync(IReadOnlyList<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> entries, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads one encoded result, or null if it is absent. An object whose header or checksum does not
    /// verify is reported as corrupt (<see cref="CorruptObjectException"/>), never returned as a value.
    /// </summary>
    ValueTask<byte[]?> GetAsync(TaskHash key, CancellationToken cancellationToken = default);

    /// <summary>Which of <paramref name="keys"/> have a stored result, in the same order.</summary>
    ValueTask<bool[]> ExistsAsync(IReadOnlyList<TaskHash> keys, CancellationToken cancellationToken = default);

    /// <summary>Removes a result; true if one was there.</summary>
    ValueTask<bool> DeleteAsync(TaskHash key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the results of <paramref name="keys"/>; returns how many were there. Providers that can
    /// remove many at once more cheaply override it; by default 32 <see cref="DeleteAsync"/> calls are in
    /// flight at a time, so a store across a network is not walked one round trip at a time.
    /// </summary>
    async ValueTask<int> DeleteManyAsync(IReadOnlyCollection<TaskHash> keys, CancellationToken cancellationToken = default)
    {
        var removed = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(keys, options, async (key, token) =>
        {
            if (await DeleteAsync(key, token).ConfigureAwait(false))
            {
                Interlocked.Increment(ref removed);
            }
        }).ConfigureAwait(false);
        return removed;
    }

    /// <summary>
    /// True when results live in this process's memory, so reading one back costs no I/O: workers then
    /// keep decoded copies only of large results, whose decoding is worth saving, instead of holding
    /// every small result twice.
    /// </summary>
    bool HoldsResultsInMemory => false;

    /// <summary>Every key with a stored result, in no particular order.</summary>
    IAsyncEnumerable<TaskHash> ListAsync(CancellationToken cancellationToken = default);
}
