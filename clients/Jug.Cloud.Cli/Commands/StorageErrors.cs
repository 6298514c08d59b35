using Jug.Cloud.Storage;

namespace Jug.Cloud.Cli.Commands;

/// <summary>
/// Errors of the file system under a jugdir that are the user's to fix, not bugs: no permission, a
/// full disk, a read-only file system, a file where a directory of the jugdir must go. Each becomes one
/// line (exit 2). Results stored before are untouched: the file store writes every object to a
/// temporary first and renames it into place only when it is complete.
/// </summary>
internal static class StorageErrors
{
    // .NET on Unix puts the raw errno in an IOException's HResult.
    private const int Enotdir = 20;

    /// <summary>The one line for <paramref name="error"/> or the first such cause inside it; null if it is none of these.</summary>
    public static string? Describe(Exception error)
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
        IOException when StoreWriteErrors.IsDiskFull(e) =>
            "the disk holding the jugdir is full (no space left on device); results stored before are intact: free space and run again.",
        IOException when StoreWriteErrors.IsReadOnlyFileSystem(e) => $"the jugdir is on a read-only file system: {e.Message}",
        IOException { HResult: Enotdir } => $"part of the jugdir's path is a file, not a directory: {e.Message}",
        _ => null,
    };
}
