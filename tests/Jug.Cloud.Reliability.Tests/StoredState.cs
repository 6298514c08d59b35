using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Azure;
using Jug.Cloud.Stores.File;
using Jug.Cloud.Stores.Redis;
using Jug.Cloud.Stores.S3;

namespace Jug.Cloud.Reliability.Tests;

/// <summary>Reads a jugdir (a path, or a <c>redis://</c>, <c>s3://</c> or <c>azblob://</c> URI) through the store API, as the CLI would.</summary>
public static class StoredState
{
    /// <summary>
    /// One store per network jugdir, kept open for the test run: a store that has had an answer rides
    /// out an outage of its server (a restart, s3rver failing a listing that races writes), as the
    /// CLI's store does through a run; a store opened for every look would give up at the first one.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IJugStore> Network = new(StringComparer.Ordinal);

    /// <summary>Opens <paramref name="jugdir"/> for one read: a kept network store (see <see cref="Network"/>), or a file store of its own.</summary>
    private static (IJugStore Store, IAsyncDisposable? Owned) Open(string jugdir)
    {
        if (jugdir.Contains("://", StringComparison.Ordinal))
        {
            return (Network.GetOrAdd(jugdir, uri => new StoreRegistry().AddRedisStore().AddS3Store().AddAzureBlobStore().Open(uri)), null);
        }

        var file = new FileJugStore(new FileStoreOptions { Root = jugdir });
        return (file, file);
    }

    /// <summary>The keys with a stored result now.</summary>
    public static async Task<HashSet<TaskHash>> KeysAsync(string jugdir)
    {
        var (store, owned) = Open(jugdir);
        await using var _ = owned;
        var keys = new HashSet<TaskHash>();
        await foreach (var key in store.ListAsync())
        {
            keys.Add(key);
        }

        return keys;
    }

    /// <summary>
    /// The keys stored now, as seen by a test that watches a run to time a fault; null if the store
    /// failed to answer this once (s3rver answers a listing that races writes with a 500 now and then),
    /// so the watcher looks again rather than failing the run it watches.
    /// </summary>
    public static async Task<HashSet<TaskHash>?> KeysWhileRunningAsync(string jugdir)
    {
        try
        {
            return await KeysAsync(jugdir);
        }
        catch (JugStoreException)
        {
            return null;
        }
    }

    /// <summary>The keys of <paramref name="keys"/> whose results read back whole now (present and verifying).</summary>
    public static async Task<HashSet<TaskHash>> WholeAsync(string jugdir, IEnumerable<TaskHash> keys)
    {
        var (store, owned) = Open(jugdir);
        await using var _ = owned;
        var whole = new System.Collections.Concurrent.ConcurrentDictionary<TaskHash, bool>();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, token) =>
        {
            try
            {
                if (await store.GetAsync(key, token) is not null)
                {
                    whole[key] = true;
                }
            }
            catch (Exception e) when (e is CorruptObjectException or JugStoreException)
            {
                // Half there, or not readable: not stored.
            }
        });
        return [.. whole.Keys];
    }

    /// <summary>Every stored result's bytes by key; a result that does not verify is recorded as null.</summary>
    public static async Task<Dictionary<TaskHash, byte[]?>> ValuesAsync(string jugdir)
    {
        var (store, owned) = Open(jugdir);
        await using var _ = owned;
        var values = new Dictionary<TaskHash, byte[]?>();
        await foreach (var key in store.ListAsync())
        {
            try
            {
                values[key] = await store.GetAsync(key);
            }
            catch (CorruptObjectException)
            {
                values[key] = null;
            }
        }

        return values;
    }

    /// <summary>The run log.</summary>
    public static async Task<List<RunRecord>> RunsAsync(string jugdir)
    {
        var (store, owned) = Open(jugdir);
        await using var _ = owned;
        var runs = new List<RunRecord>();
        await foreach (var run in store.ListRunsAsync())
        {
            runs.Add(run);
        }

        return runs;
    }

    /// <summary>
    /// Compares <paramref name="jugdir"/>'s results with a clean run's: adds the reference results that
    /// are missing to <c>Lost</c> and those whose bytes differ (or do not verify) to <c>CorruptReturned</c>.
    /// </summary>
    public static async Task CompareAsync(string jugdir, IReadOnlyDictionary<TaskHash, byte[]?> reference, CampaignResult result)
    {
        var actual = await ValuesAsync(jugdir);
        foreach (var (key, expected) in reference)
        {
            if (!actual.TryGetValue(key, out var bytes))
            {
                result.Lost++;
                result.Note($"{key} missing at the end");
            }
            else if (bytes is null || !bytes.AsSpan().SequenceEqual(expected))
            {
                result.CorruptReturned++;
                result.Note($"{key} differs from the clean run");
            }
        }
    }
}
