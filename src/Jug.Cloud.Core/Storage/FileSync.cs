using System.Runtime.InteropServices;

namespace Jug.Cloud.Storage;

/// <summary>
/// Making file writes durable: fsync of a file's data, and of a directory so that a rename into it
/// survives a crash (Linux needs the directory synced; .NET has no API for it).
/// </summary>
public static partial class FileSync
{
    private const int ReadOnly = 0;
    private const int Directory = 0x10000; // O_DIRECTORY on Linux

    /// <summary>Flushes <paramref name="stream"/>'s data and metadata to the device.</summary>
    public static void FlushToDisk(FileStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
#pragma warning disable CA1849 // There is no asynchronous fsync; this is the durability point.
        stream.Flush(flushToDisk: true);
#pragma warning restore CA1849
    }

    /// <summary>Flushes the data and metadata of the file behind <paramref name="handle"/> to the device.</summary>
    public static void FlushToDisk(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (!OperatingSystem.IsLinux())
        {
            using var stream = new FileStream(handle, FileAccess.Write, bufferSize: 0);
            FlushToDisk(stream);
            return;
        }

        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            if (Fsync((int)handle.DangerousGetHandle()) != 0)
            {
                throw new IOException($"fsync failed with errno {Marshal.GetLastPInvokeError()}.");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Syncs a directory's entries (after renames into it). Does nothing off Linux.</summary>
    public static void SyncDirectory(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(path, ReadOnly | Directory);
        if (fd < 0)
        {
            return;
        }

        try
        {
            _ = Fsync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
