using System.IO.Enumeration;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.File;

/// <summary>
/// A jugdir's results: a file each under <c>results/ab/&lt;hash&gt;</c>, or, for the small results of a
/// group commit written alone, a pack (<see cref="ResultPacks"/>). Reads look in both.
/// </summary>
internal sealed class FileResults(FileLayout layout, bool durable)
{
    /// <summary>How many temporary files a batch writes and syncs at once.</summary>
    private const int ParallelSyncs = 8;

    /// <summary>A group commit starts a new pack once the current one holds this many bytes.</summary>
    private const long PackSizeLimit = 64L << 20;

    /// <summary>
    /// A shard directory asked about at least this many keys in one existence check is listed rather than
    /// stat'ed key by key: listing costs about what a few dozen stats do, even for thousands of entries.
    /// </summary>
    private const int ListShardThreshold = 64;

    private readonly ResultPacks _packs = new(layout.PacksDirectory, durable);
    private volatile bool _writingAlone;

    /// <summary>Whether group commits go to packs (see <see cref="ISoloWriter"/>).</summary>
    public bool WritingAlone
    {
        set => _writingAlone = value;
    }

    public ValueTask PutAsync(TaskHash key, ReadOnlyMemory<byte> encoded, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        AtomicFile.Write(layout.Result(key), encoded.Span, durable);
        return ValueTask.CompletedTask;
    }

    /// <summary>Packs of the small results while writing alone (one, unless past the pack size), a file each otherwise.</summary>
    public ValueTask PutManyAsync(IReadOnlyList<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        cancellationToken.ThrowIfCancellationRequested();
        var packed = new List<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>>();
        var single = new List<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>>();
        var pack = _writingAlone;
        foreach (var entry in entries)
        {
            (pack && entry.Value.Length <= FileJugStore.PackedResultLimit ? packed : single).Add(entry);
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

    /// <summary>Looks in the packs this store knows, then for a file of its own, then in packs other processes wrote since.</summary>
    public ValueTask<byte[]?> GetAsync(TaskHash key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = layout.Result(key);
        var bytes = _packs.TryRead(key, refresh: false) ?? AtomicFile.ReadOrNull(path) ?? _packs.TryRead(key, refresh: true);
        if (bytes is not null && !StoredObject.IsValid(bytes))
        {
            throw new CorruptObjectException($"The stored result {key} ({path}, or a pack in {_packs.Directory}) is corrupt or truncated.");
        }

        return ValueTask.FromResult(bytes);
    }

    /// <summary>The packs' index from memory (caught up first); other keys by a <c>stat</c> each, or one listing of a shard asked about many.</summary>
    public ValueTask<bool[]> ExistsAsync(IReadOnlyList<TaskHash> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var exists = new bool[keys.Count];
        if (keys.Count == 0 || !Directory.Exists(layout.ResultsDirectory))
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
                var stored = ResultFilesIn(Path.GetDirectoryName(layout.Result(keys[indices[0]]))!);
                foreach (var i in indices)
                {
                    exists[i] = stored.Contains(keys[i]);
                }
            }
            else
            {
                foreach (var i in indices)
                {
                    exists[i] = System.IO.File.Exists(layout.Result(keys[i]));
                }
            }
        }

        return ValueTask.FromResult(exists);
    }

    /// <summary>Removes the files and rewrites each pack holding any of the keys once, without them.</summary>
    public ValueTask<int> DeleteManyAsync(IReadOnlyCollection<TaskHash> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        var removed = new HashSet<TaskHash>();
        foreach (var key in keys)
        {
            if (AtomicFile.TryDelete(layout.Result(key)))
            {
                removed.Add(key);
            }
        }

        removed.UnionWith(_packs.Remove(keys));
        return ValueTask.FromResult(removed.Count);
    }

    public async IAsyncEnumerable<TaskHash> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(layout.ResultsDirectory))
        {
            yield break;
        }

        var packed = _packs.Keys().ToHashSet();
        foreach (var key in packed)
        {
            yield return key;
        }

        foreach (var shard in Directory.EnumerateDirectories(layout.ResultsDirectory))
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

    /// <summary>Writes each result as its own file: temporaries (several at once), renames, directory syncs.</summary>
    private void PutFiles(List<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> entries, CancellationToken cancellationToken)
    {
        var temporaries = new string?[entries.Count];
        var finals = new string[entries.Count];
        try
        {
            if (durable && entries.Count > 1)
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

        if (durable)
        {
            foreach (var directory in finals.Select(Path.GetDirectoryName).Distinct(StringComparer.Ordinal))
            {
                FileSync.SyncDirectory(directory!);
            }
        }

        void WriteTemporary(int i)
        {
            var (key, value) = entries[i];
            finals[i] = layout.Result(key);
            temporaries[i] = AtomicFile.WriteTemporary(finals[i], value.Span, durable);
        }
    }

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
}
