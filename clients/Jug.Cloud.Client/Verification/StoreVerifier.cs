using System.Collections.Concurrent;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>
/// Reads back every object of a store and checks it: results through the result store's listing and
/// reads (so it works on every store), failure records, bundles and the run log through
/// <see cref="IStoreAudit"/> where the store offers it. With repair, what is corrupt is removed, so the
/// next <c>execute</c> computes those results again; a corrupt result inside a file-store pack is removed
/// by rewriting the pack without it.
/// </summary>
public static class StoreVerifier
{
    /// <summary>Reads in flight at once, so a store across a network is not read one round trip at a time.</summary>
    private const int ParallelReads = 16;

    /// <summary>Checks every stored object of <paramref name="store"/>; removes the corrupt ones if <paramref name="repair"/>.</summary>
    public static async Task<VerifyReport> VerifyAsync(IJugStore store, bool repair, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var (results, corrupt) = await VerifyResultsAsync(store, cancellationToken);
        var removedResults = repair && corrupt.Count > 0 ? await store.DeleteManyAsync(corrupt, cancellationToken) : 0;
        var counts = new List<VerifyCount> { new(StoredObjectKind.Result, results - corrupt.Count, corrupt.Count, removedResults) };
        if (store is IStoreAudit audit)
        {
            counts.AddRange(await AuditOthersAsync(audit, repair, cancellationToken));
        }

        return new VerifyReport(counts, corrupt, OnlyResults: store is not IStoreAudit);
    }

    /// <summary>Every listed result read once; one that vanished meanwhile is not counted.</summary>
    private static async Task<(int Read, HashSet<TaskHash> Corrupt)> VerifyResultsAsync(IJugStore store, CancellationToken cancellationToken)
    {
        var read = 0;
        var corrupt = new ConcurrentBag<TaskHash>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(store.ListAsync(cancellationToken), options, async (key, token) =>
        {
            try
            {
                if (await store.GetAsync(key, token).ConfigureAwait(false) is not null)
                {
                    Interlocked.Increment(ref read);
                }
            }
            catch (CorruptObjectException)
            {
                Interlocked.Increment(ref read);
                corrupt.Add(key);
            }
        }).ConfigureAwait(false);
        return (read, [.. corrupt]);
    }

    private static async Task<IEnumerable<VerifyCount>> AuditOthersAsync(IStoreAudit audit, bool repair, CancellationToken cancellationToken)
    {
        var tally = new Dictionary<StoredObjectKind, (int Intact, int Corrupt, int Removed)>
        {
            [StoredObjectKind.FailureRecord] = default,
            [StoredObjectKind.Bundle] = default,
            [StoredObjectKind.RunLog] = default,
        };
        var broken = new List<AuditedObject>();
        await foreach (var item in audit.AuditAsync(cancellationToken).ConfigureAwait(false))
        {
            var (intact, corrupt, removed) = tally.GetValueOrDefault(item.Kind);
            tally[item.Kind] = item.Intact ? (intact + 1, corrupt, removed) : (intact, corrupt + 1, removed);
            if (!item.Intact)
            {
                broken.Add(item);
            }
        }

        // Removed after the listing ends, so no directory changes under an enumeration.
        foreach (var item in repair ? broken : [])
        {
            if (await audit.RemoveAsync(item, cancellationToken).ConfigureAwait(false))
            {
                var (intact, corrupt, removed) = tally[item.Kind];
                tally[item.Kind] = (intact, corrupt, removed + 1);
            }
        }

        return tally.Select(t => new VerifyCount(t.Key, t.Value.Intact, t.Value.Corrupt, t.Value.Removed));
    }
}
