using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.File;

/// <summary>
/// The packs of one jugdir (<c>results/packs/</c>) and an in-memory index of the results in them:
/// writes new packs, finds results, follows packs other processes add or remove, and removes results
/// by rewriting their packs.
/// </summary>
/// <remarks>
/// Another process's new pack is seen on the next <see cref="Refresh"/>, which lists the directory only
/// when its modification time moved (a <c>stat</c> otherwise). A removed pack is noticed the same way,
/// or when reading from it finds it gone. The same result may sit in several packs (two processes ran
/// the task); removal takes it out of all of them.
/// </remarks>
internal sealed class ResultPacks(string directory, bool durable)
{
    /// <summary>
    /// A directory listing is trusted to be current only once its modification time is this much older
    /// than the listing: file times are coarse (a few milliseconds), so a change made in the same tick
    /// as the listing would not move them.
    /// </summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    /// <summary>How long a rewrite marker of a pack is respected before it is taken for a crashed rewriter's.</summary>
    private static readonly TimeSpan RewriteMarkerLifetime = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly Dictionary<TaskHash, Location> _index = [];
    private readonly HashSet<string> _packs = new(StringComparer.Ordinal);

    /// <summary>Keys found in more than one pack (rare): removal must look in every pack for them.</summary>
    private readonly HashSet<TaskHash> _duplicated = [];

    private DateTime _listedMtime = DateTime.MinValue;
    private DateTime _listedAt = DateTime.MinValue;

    /// <summary>The directory holding the packs.</summary>
    public string Directory { get; } = directory;

    private readonly record struct Location(string Pack, long Offset, int Length);

    /// <summary>
    /// Writes <paramref name="results"/> as one new pack, durable before it becomes visible under its
    /// final name, and indexes it.
    /// </summary>
    public void Write(IReadOnlyList<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>> results)
    {
        var name = ResultPack.NewName();
        var path = Path.Combine(Directory, name);
        var (temporary, entries) = ResultPack.WriteTemporary(path, results, durable);
        AtomicFile.Commit(temporary, path);
        if (durable)
        {
            FileSync.SyncDirectory(Directory);
        }

        lock (_gate)
        {
            AddPack(name, entries);
        }
    }

    /// <summary>Reads a result from the packs: null if no known pack holds it.</summary>
    /// <param name="key">The result's key.</param>
    /// <param name="refresh">Look for packs added or removed by others first.</param>
    public byte[]? TryRead(TaskHash key, bool refresh)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Location location;
            lock (_gate)
            {
                if (refresh || attempt > 0)
                {
                    RefreshLocked(force: attempt > 0);
                }

                if (!_index.TryGetValue(key, out location))
                {
                    return null;
                }
            }

            if (ResultPack.ReadEntry(Path.Combine(Directory, location.Pack), location.Offset, location.Length) is { } bytes)
            {
                return bytes;
            }

            // The pack was rewritten or removed by someone else since it was indexed.
        }

        return null;
    }

    /// <summary>Whether a known pack holds <paramref name="key"/> (call <see cref="Refresh"/> first for others' packs).</summary>
    public bool Contains(TaskHash key)
    {
        lock (_gate)
        {
            return _index.ContainsKey(key);
        }
    }

    /// <summary>Catches up with packs other processes added or removed.</summary>
    public void Refresh()
    {
        lock (_gate)
        {
            RefreshLocked(force: false);
        }
    }

    /// <summary>Every key in the packs, each once (after a full refresh).</summary>
    public TaskHash[] Keys()
    {
        lock (_gate)
        {
            RefreshLocked(force: true);
            return [.. _index.Keys];
        }
    }

    /// <summary>
    /// Removes <paramref name="keys"/> from every pack holding them, rewriting each such pack once;
    /// returns the keys that were there.
    /// </summary>
    public HashSet<TaskHash> Remove(IReadOnlyCollection<TaskHash> keys)
    {
        var removed = new HashSet<TaskHash>();
        if (keys.Count == 0)
        {
            return removed;
        }

        var wanted = keys as IReadOnlySet<TaskHash> ?? keys.ToHashSet();
        var giveUp = DateTime.UtcNow + RewriteMarkerLifetime + RewriteMarkerLifetime;
        while (DateTime.UtcNow < giveUp)
        {
            var packs = PacksHolding(wanted);
            if (packs.Count == 0)
            {
                return removed;
            }

            foreach (var pack in packs)
            {
                RewriteWithout(pack, wanted, removed);
            }
        }

        throw new IOException($"Could not remove results from the packs in {Directory}: they kept changing under other writers.");
    }

    private List<string> PacksHolding(IReadOnlySet<TaskHash> wanted)
    {
        lock (_gate)
        {
            RefreshLocked(force: true);
            var packs = new HashSet<string>(StringComparer.Ordinal);
            var searchAll = false;
            foreach (var key in wanted)
            {
                if (_index.TryGetValue(key, out var location))
                {
                    packs.Add(location.Pack);
                    searchAll |= _duplicated.Contains(key);
                }
            }

            if (searchAll)
            {
                foreach (var pack in _packs)
                {
                    if (ResultPack.ReadIndex(Path.Combine(Directory, pack)) is { } entries && entries.Any(e => wanted.Contains(e.Key)))
                    {
                        packs.Add(pack);
                    }
                }
            }

            return [.. packs];
        }
    }

    /// <summary>
    /// Replaces <paramref name="pack"/> by a new pack without <paramref name="wanted"/> (or by nothing).
    /// </summary>
    /// <remarks>
    /// The new pack is in place before the old one goes, so a crash in between keeps every result,
    /// at worst twice. A marker created exclusively keeps two processes from rewriting one pack at
    /// once (each would bring back what the other removed).
    /// </remarks>
    private void RewriteWithout(string pack, IReadOnlySet<TaskHash> wanted, HashSet<TaskHash> removed)
    {
        var path = Path.Combine(Directory, pack);
        var marker = Path.Combine(Directory, $".{pack}.rewrite");
        if (!TryTakeMarker(marker))
        {
            return;
        }

        try
        {
            if (ResultPack.ReadAll(path) is not { } content)
            {
                return;
            }

            var kept = content.Where(e => !wanted.Contains(e.Key)).ToList();
            foreach (var entry in content)
            {
                if (wanted.Contains(entry.Key))
                {
                    removed.Add(entry.Key);
                }
            }

            if (kept.Count > 0)
            {
                var name = ResultPack.NewName();
                var (temporary, _) = ResultPack.WriteTemporary(Path.Combine(Directory, name), kept, durable);
                AtomicFile.Commit(temporary, Path.Combine(Directory, name));
            }

            System.IO.File.Delete(path);
            if (durable)
            {
                FileSync.SyncDirectory(Directory);
            }
        }
        finally
        {
            AtomicFile.TryDelete(marker);
        }
    }

    /// <summary>Creates the rewrite marker; false (after a short wait) if another process holds a live one.</summary>
    private static bool TryTakeMarker(string marker)
    {
        try
        {
            AtomicFile.CreateNew(marker, durable: false).Dispose();
            return true;
        }
        catch (IOException e) when (AtomicFile.AlreadyExists(e))
        {
            if (DateTime.UtcNow - System.IO.File.GetLastWriteTimeUtc(marker) > RewriteMarkerLifetime)
            {
                AtomicFile.TryDelete(marker);
            }
            else
            {
                Thread.Sleep(20);
            }

            return false;
        }
    }

    private void RefreshLocked(bool force)
    {
        var mtime = System.IO.Directory.GetLastWriteTimeUtc(Directory);
        if (!force && mtime == _listedMtime && _listedAt - mtime > Settle)
        {
            return;
        }

        var listedAt = DateTime.UtcNow;
        var present = new HashSet<string>(StringComparer.Ordinal);
        if (System.IO.Directory.Exists(Directory))
        {
            foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*" + ResultPack.Extension))
            {
                var name = Path.GetFileName(path);
                if (!FileLayout.IsTemporary(name))
                {
                    present.Add(name);
                }
            }
        }

        if (_packs.Any(p => !present.Contains(p)))
        {
            // A pack went away (rewritten or removed): rebuild from what is there now, since its keys
            // may also live in other packs the index did not point to.
            _index.Clear();
            _packs.Clear();
            _duplicated.Clear();
        }

        foreach (var name in present)
        {
            if (!_packs.Contains(name) && ResultPack.ReadIndex(Path.Combine(Directory, name)) is { } entries)
            {
                AddPack(name, entries);
            }
        }

        _listedMtime = mtime;
        _listedAt = listedAt;
    }

    private void AddPack(string name, ResultPack.Entry[] entries)
    {
        if (!_packs.Add(name))
        {
            return;
        }

        foreach (var entry in entries)
        {
            if (!_index.TryAdd(entry.Key, new Location(name, entry.Offset, entry.Length)))
            {
                _duplicated.Add(entry.Key);
            }
        }
    }
}
