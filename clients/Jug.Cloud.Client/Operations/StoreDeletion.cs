using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>
/// Deletes many results and failure records with a bounded number of store calls in flight, so a
/// store on a network (NFS, S3, Redis) is not walked one round trip at a time.
/// </summary>
internal static class StoreDeletion
{
    private const int InFlight = 32;

    /// <summary>Removes the results and failure records of <paramref name="keys"/>; returns how many results were there.</summary>
    public static async Task<int> DeleteAsync(IJugStore store, IEnumerable<TaskHash> keys, CancellationToken cancellationToken)
    {
        var list = keys as IReadOnlyCollection<TaskHash> ?? [.. keys];
        var removed = await store.DeleteManyAsync(list, cancellationToken);
        await DeleteFailuresAsync(store, list, cancellationToken);
        return removed;
    }

    /// <summary>Removes the failure records of <paramref name="keys"/>.</summary>
    public static Task DeleteFailuresAsync(IJugStore store, IEnumerable<TaskHash> keys, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken };
        return Parallel.ForEachAsync(keys, options, async (key, token) => await store.DeleteFailureAsync(key, token));
    }
}
