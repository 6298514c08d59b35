using System.Runtime.CompilerServices;
using System.Text.Json;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.File;

/// <summary>
/// Claims as lock files created exclusively (<c>O_EXCL</c>, atomic on local disks and NFSv3+) holding
/// the owner and expiry as a small JSON object.
/// </summary>
/// <remarks>
/// <para>
/// Breaking an expired lock is the delicate part: a racer that saw the old lock must not remove the
/// fresh one another racer has just created in its place. So breakers first take a break marker (also
/// created exclusively), re-read the lock while holding it, and only then delete and re-create it. A
/// marker left by a breaker that died is removed once it is <see cref="BreakMarkerLifetime"/> old by
/// the wall clock (the marker's mtime), after which the next attempt can break the lock.
/// </para>
/// <para>
/// Lock files are not fsynced: a claim only matters while its holder is alive, and a crash that loses
/// one only lets the task run again (results are idempotent). A lock that is empty or unreadable (its
/// writer died mid-write) is treated as expired once its mtime is older than the requested time to live.
/// </para>
/// <para>
/// Renew and release read the owner and then act, which is not one atomic step: an owner whose claim
/// has already expired and been taken over may, in that short window, overwrite or remove the new
/// holder's lock. Owners renew well before expiry, so this needs a lapsed owner racing a takeover.
/// </para>
/// </remarks>
internal sealed class FileClaims(FileLayout layout, TimeProvider time) : IClaimStore
{
    /// <summary>How old (wall clock) a break marker must be before it is taken to be abandoned.</summary>
    public static readonly TimeSpan BreakMarkerLifetime = TimeSpan.FromSeconds(60);

    public ValueTask<bool> TryClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(TryClaim(key, owner, timeToLive));
    }

    public ValueTask<bool> RenewClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Renew(key, owner, timeToLive));
    }

    public ValueTask<bool> ReleaseClaimAsync(TaskHash key, string owner, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = layout.Lock(key);
        return ValueTask.FromResult(Read(path, key)?.Owner == owner && AtomicFile.TryDelete(path));
    }

    public ValueTask<bool> BreakClaimAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(AtomicFile.TryDelete(layout.Lock(key)));
    }

    public async IAsyncEnumerable<ClaimInfo> ListClaimsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var claim in List())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return claim;
        }

        await Task.CompletedTask;
    }

    private bool TryClaim(TaskHash key, string owner, TimeSpan timeToLive)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var path = layout.Lock(key);
        if (TryCreate(path, owner, timeToLive))
        {
            return true;
        }

        var existing = Read(path, key);
        if (existing is not null && existing.ExpiresAt > time.GetUtcNow())
        {
            // The interface promises the claim unless someone *else* holds it: the holder re-claiming renews.
            return existing.Owner == owner && Renew(key, owner, timeToLive);
        }

        if (existing is null && System.IO.File.Exists(path) && !IsStale(path, timeToLive))
        {
            return false; // being written right now, or its writer died only recently
        }

        return TryBreakAndCreate(key, path, owner, timeToLive);
    }

    private bool Renew(TaskHash key, string owner, TimeSpan timeToLive)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var path = layout.Lock(key);
        if (Read(path, key)?.Owner != owner)
        {
            return false;
        }

        AtomicFile.Write(path, Serialize(owner, time.GetUtcNow() + timeToLive), durable: false);
        return true;
    }

    private IEnumerable<ClaimInfo> List()
    {
        if (!Directory.Exists(layout.LocksDirectory))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(layout.LocksDirectory, "*" + FileLayout.LockExtension))
        {
            var name = Path.GetFileName(path.AsSpan());
            if (!name.StartsWith('.')
                && TaskHash.TryParse(name[..^FileLayout.LockExtension.Length], out var key)
                && Read(path, key) is { } claim)
            {
                yield return claim;
            }
        }
    }

    private bool TryBreakAndCreate(TaskHash key, string path, string owner, TimeSpan timeToLive)
    {
        var marker = layout.BreakMarker(key);
        try
        {
            using (AtomicFile.CreateNew(marker, durable: false))
            {
            }
        }
        catch (IOException e) when (AtomicFile.AlreadyExists(e))
        {
            // Someone else is breaking it (their result decides); or they died doing so.
            RemoveIfAbandoned(marker);
            return false;
        }

        try
        {
            // Re-read under the marker: another breaker may have finished and re-claimed in between.
            // Only a lock file seen expired (or unreadable and stale) is deleted: once seen, no one but
            // a marker holder removes it, so the delete cannot hit a fresh lock. A lock seen missing is
            // never deleted, since a plain claimer may create one at any moment.
            var current = Read(path, key);
            if (current is not null)
            {
                if (current.ExpiresAt > time.GetUtcNow())
                {
                    return false;
                }

                System.IO.File.Delete(path);
            }
            else if (System.IO.File.Exists(path))
            {
                if (!IsStale(path, timeToLive))
                {
                    return false;
                }

                System.IO.File.Delete(path);
            }

            return TryCreate(path, owner, timeToLive);
        }
        finally
        {
            System.IO.File.Delete(marker);
        }
    }

    private bool TryCreate(string path, string owner, TimeSpan timeToLive)
    {
        try
        {
            using var handle = AtomicFile.CreateNew(path, durable: false);
            RandomAccess.Write(handle, Serialize(owner, time.GetUtcNow() + timeToLive), 0);
            return true;
        }
        catch (IOException e) when (AtomicFile.AlreadyExists(e))
        {
            return false;
        }
    }

    private static ClaimInfo? Read(string path, TaskHash key)
    {
        byte[]? bytes;
        try
        {
            bytes = AtomicFile.ReadOrNull(path);
        }
        catch (IOException)
        {
            return null; // replaced or removed under us: as unreadable as an empty lock
        }

        if (bytes is null || bytes.Length == 0)
        {
            return null;
        }

        try
        {
            var dto = JsonSerializer.Deserialize<LockFile>(bytes);
            return dto?.Owner is null ? null : new ClaimInfo(key, dto.Owner, dto.ExpiresAt);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An unreadable lock is stale once its mtime is a whole time-to-live behind the store's clock.</summary>
    private bool IsStale(string path, TimeSpan timeToLive)
    {
        var written = System.IO.File.GetLastWriteTimeUtc(path); // 1601-01-01 if the file has gone: stale
        return written + timeToLive < time.GetUtcNow().UtcDateTime;
    }

    private static void RemoveIfAbandoned(string marker)
    {
        // Wall clock, not the store's TimeProvider: the mtime comes from the real clock of the file system.
        var written = System.IO.File.GetLastWriteTimeUtc(marker);
        if (System.IO.File.Exists(marker) && written + BreakMarkerLifetime < DateTime.UtcNow)
        {
            System.IO.File.Delete(marker);
        }
    }

    private static byte[] Serialize(string owner, DateTimeOffset expiresAt) =>
        JsonSerializer.SerializeToUtf8Bytes(new LockFile(owner, expiresAt));

    private sealed record LockFile(string Owner, DateTimeOffset ExpiresAt);
}
