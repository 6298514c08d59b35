using System.Runtime.CompilerServices;
using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.File;

/// <summary>
/// Reads back a jugdir's failure records, bundles, run-log files and result packs for <c>verify</c>:
/// the parts whose listings leave damaged objects out (a pack whose index does not verify is skipped
/// by the result listing, so without this its results would vanish unreported). Names are paths
/// relative to the jugdir.
/// </summary>
internal sealed class FileAudit(FileLayout layout) : IStoreAudit
{
    public async IAsyncEnumerable<AuditedObject> AuditAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var (kind, directory, pattern) in Kinds())
        {
            foreach (var path in ObjectsIn(directory, pattern))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (kind == StoredObjectKind.ResultPack)
                {
                    // A pack rewritten meanwhile (a result removed from it) is gone, not corrupt.
                    var whole = ResultPack.IsWhole(path);
                    if (whole || System.IO.File.Exists(path))
                    {
                        yield return new AuditedObject(kind, Path.GetRelativePath(layout.Root, path), whole);
                    }
                }
                else if (AtomicFile.ReadOrNull(path) is { } bytes)
                {
                    yield return new AuditedObject(kind, Path.GetRelativePath(layout.Root, path), Verifies(kind, bytes));
                }
            }
        }

        await Task.CompletedTask;
    }

    public ValueTask<bool> RemoveAsync(AuditedObject item, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (_, directory, _) = Kinds().Single(k => k.Kind == item.Kind);
        var path = Path.GetFullPath(Path.Combine(layout.Root, item.Name));
        if (!string.Equals(Path.GetDirectoryName(path), directory, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{item.Name} is not a {item.Kind} of {layout.Root}.", nameof(item));
        }

        return ValueTask.FromResult(AtomicFile.TryDelete(path));
    }

    private (StoredObjectKind Kind, string Directory, string Pattern)[] Kinds() =>
    [
        (StoredObjectKind.FailureRecord, layout.FailuresDirectory, "*" + FileLayout.FailureExtension),
        (StoredObjectKind.Bundle, layout.BundlesDirectory, "*"),
        (StoredObjectKind.RunLog, layout.RunsDirectory, "*" + FileLayout.RunExtension),
        (StoredObjectKind.ResultPack, layout.PacksDirectory, "*" + ResultPack.Extension),
    ];

    private static IEnumerable<string> ObjectsIn(string directory, string pattern) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, pattern).Where(p => !FileLayout.IsTemporary(p)) : [];

    /// <summary>The envelope's checksum, and for records their decoding as well.</summary>
    private static bool Verifies(StoredObjectKind kind, byte[] bytes)
    {
        try
        {
            switch (kind)
            {
                case StoredObjectKind.FailureRecord:
                    FailureRecordCodec.Decode(bytes);
                    return true;
                case StoredObjectKind.RunLog:
                    RunRecordCodec.Decode(bytes);
                    return true;
                default:
                    return StoredObject.IsValid(bytes);
            }
        }
        catch (CorruptObjectException)
        {
            return false;
        }
    }
}
