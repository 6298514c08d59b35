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
}
