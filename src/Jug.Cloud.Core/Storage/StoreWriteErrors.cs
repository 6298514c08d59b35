namespace Jug.Cloud.Storage;

/// <summary>
/// Errors that mean a store cannot take writes at all until someone acts — a full disk or quota, a
/// read-only file system, no permission — as opposed to one write that failed. Retrying a task
/// against them only multiplies the same error, so a worker stops instead and says why.
/// </summary>
public static class StoreWriteErrors
{
    // .NET on Unix puts the raw errno in an IOException's HResult.
    private const int Enospc = 28;
    private const int Erofs = 30;
    private const int Edquot = 122;
    private const int Enotdir = 20;

    // The same conditions on Windows, as HRESULTs.
    private const int ErrorDiskFull = unchecked((int)0x80070070);
    private const int ErrorHandleDiskFull = unchecked((int)0x80070027);
    private const int ErrorWriteProtect = unchecked((int)0x80070013);

    /// <summary>Whether <paramref name="error"/> says the device has no space (or quota) left.</summary>
    public static bool IsDiskFull(Exception error) =>
        error is IOException { HResult: Enospc or Edquot or ErrorDiskFull or ErrorHandleDiskFull };

    /// <summary>Whether <paramref name="error"/> says the file system is read-only.</summary>
    public static bool IsReadOnlyFileSystem(Exception error) =>
        error is IOException { HResult: Erofs or ErrorWriteProtect };

    /// <summary>
    /// The first error in <paramref name="error"/> or its inner exceptions that leaves the store unwritable
    /// (full, read-only, permission denied); null if there is none.
    /// </summary>
    public static Exception? FindUnwritable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (IsDiskFull(e) || IsReadOnlyFileSystem(e) || e is UnauthorizedAccessException)
            {
                return e;
            }

            if (e is AggregateException { InnerExceptions.Count: > 0 } aggregate && FindUnwritable(aggregate.InnerExceptions[0]) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    /// <summary>
    /// One line for an error of the file system under a jugdir that is the user's to fix, not a bug (no
    /// permission, a full disk, a read-only file system, a file where a directory of the jugdir must
    /// go), for <paramref name="error"/> or the first such cause inside it; null if it is none of these.
    /// Results stored before are untouched by any of them: the file store writes every object to a
    /// temporary first and renames it into place only when it is complete.
    /// </summary>
    public static string? Describe(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (DescribeOne(e) is { } line)
            {
                return line;
            }

            if (e is AggregateException { InnerExceptions.Count: > 0 } aggregate && Describe(aggregate.InnerExceptions[0]) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    private static string? DescribeOne(Exception e) => e switch
    {
        UnauthorizedAccessException => $"the jugdir cannot be written: permission denied ({e.Message})",
        DirectoryNotFoundException => $"a directory of the jugdir cannot be used: {e.Message} (is part of the path a file, or was it removed?)",
        IOException when IsDiskFull(e) =>
            "the disk holding the jugdir is full (no space left on device); results stored before are intact: free space and run again.",
        IOException when IsReadOnlyFileSystem(e) => $"the jugdir is on a read-only file system: {e.Message}",
        IOException { HResult: Enotdir } => $"part of the jugdir's path is a file, not a directory: {e.Message}",
        _ => null,
    };
}
