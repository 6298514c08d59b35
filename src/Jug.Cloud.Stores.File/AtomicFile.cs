using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.File;

/// <summary>
/// Write-then-rename: an object is written to a temporary file beside its final name, synced, and
/// renamed into place, so readers see the whole object or none — also on NFS, where rename is atomic.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes the temporary file (synced if <paramref name="durable"/>) and returns its path.</summary>
    public static string WriteTemporary(string path, ReadOnlySpan<byte> content, bool durable)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = FileLayout.TemporaryBeside(path);
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
        {
            stream.Write(content);
            if (durable)
            {
                FileSync.FlushToDisk(stream);
            }
        }

        return temporary;
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, ReadOnlySpan<byte> content, bool durable)
    {
        var temporary = WriteTemporary(path, content, durable);
        Commit(temporary, path);
        if (durable)
        {
            FileSync.SyncDirectory(Path.GetDirectoryName(path)!);
        }
    }

    /// <summary>Renames a written temporary file into place.</summary>
    public static void Commit(string temporary, string path)
    {
        try
        {
            System.IO.File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public static byte[]? ReadOrNull(string path)
    {
        try
        {
            return System.IO.File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public static bool TryDelete(string path)
    {
        try
        {
            if (!System.IO.File.Exists(path))
            {
                return false;
            }

            System.IO.File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}
