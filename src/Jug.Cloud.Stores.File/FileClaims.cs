using System.Text.Json;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.File;

/// <summary>
/// Claims as lock files created exclusively (<c>O_EXCL</c>, atomic on local disks and NFSv3+), holding
/// the owner and expiry. An expired lock is broken by renaming it to a unique name first, so of several
/// processes breaking it at once exactly one wins.
/// </summary>
internal sealed class FileClaims(FileLayout layout, TimeProvider time)
{
    public bool TryClaim(TaskHash key, string owner, TimeSpan timeToLive)
    {
        Directory.CreateDirectory(layout.LocksDirectory);
        var path = layout.Lock(key);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (TryCreate(path, new ClaimInfo(key, owner, time.GetUtcNow() + timeToLive)))
            {
                return true;
            }

            var existing = Read(path, key);
            if (existing is not null && existing.ExpiresAt > time.GetUtcNow())
            {
                return false;
            }

            if (existing is null && !IsStale(path, timeToLive))
            {
                return false;
            }

            BreakIfExpired(path, key, timeToLive);
        }

        return false;
    }

    public bool Renew(TaskHash key, string owner, TimeSpan timeToLive)
    {
        var path = layout.Lock(key);
        if (Read(path, key)?.Owner != owner)
        {
            return false;
        }

        AtomicFile.Write(path, Serialize(new ClaimInfo(key, owner, time.GetUtcNow() + timeToLive)), durable: false);
        return true;
    }

    public bool Release(TaskHash key, string owner)
    {
        var path = layout.Lock(key);
        return Read(path, key)?.Owner == owner && AtomicFile.TryDelete(path);
    }

    public bool Break(TaskHash key) => AtomicFile.TryDelete(layout.Lock(key));

    public IEnumerable<ClaimInfo> List()
    {
        if (!Directory.Exists(layout.LocksDirectory))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(layout.LocksDirectory, "*.lock"))
        {
            if (TaskHash.TryParse(Path.GetFileNameWithoutExtension(path), out var key) && Read(path, key) is { } claim)
            {
                yield return claim;
            }
        }
    }

    private static bool TryCreate(string path, ClaimInfo claim)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(Serialize(claim));
            return true;
        }
        catch (IOException) when (System.IO.File.Exists(path))
        {
            return false;
        }
    }

    private static ClaimInfo? Read(string path, TaskHash key)
    {
        var bytes = AtomicFile.ReadOrNull(path);
        if (bytes is null || bytes.Length == 0)
        {
            return null;
        }

        try
        {
            var dto = JsonSerializer.Deserialize<LockFile>(bytes);
            return dto is null ? null : new ClaimInfo(key, dto.Owner, dto.ExpiresAt);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private bool IsStale(string path, TimeSpan timeToLive)
    {
        try
        {
            return System.IO.File.GetLastWriteTimeUtc(path) + timeToLive < time.GetUtcNow().UtcDateTime;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private void BreakIfExpired(string path, TaskHash key, TimeSpan timeToLive)
    {
        var moved = FileLayout.TemporaryBeside(path);
        try
        {
            System.IO.File.Move(path, moved);

            // Between reading the lock and moving it, another process may have broken it and taken a
            // fresh claim: put a lock that is not expired back.
            var claim = Read(moved, key);
            var expired = claim is null ? IsStale(moved, timeToLive) : claim.ExpiresAt <= time.GetUtcNow();
            if (!expired)
            {
                System.IO.File.Move(moved, path, overwrite: false);
                return;
            }

            System.IO.File.Delete(moved);
        }
        catch (Exception e) when (e is FileNotFoundException or IOException)
        {
            // Someone else broke or renewed it first.
        }
    }

    private static byte[] Serialize(ClaimInfo claim) =>
        JsonSerializer.SerializeToUtf8Bytes(new LockFile(claim.Owner, claim.ExpiresAt));

    private sealed record LockFile(string Owner, DateTimeOffset ExpiresAt);
}
