namespace Jug.Cloud.Storage;

/// <summary>The kinds of stored object <c>verify</c> reads and counts.</summary>
public enum StoredObjectKind
{
    /// <summary>A task's result (a file of its own or an entry of a pack).</summary>
    Result,

    /// <summary>A task's failure record.</summary>
    FailureRecord,

    /// <summary>A compiled jugfile bundle.</summary>
    Bundle,

    /// <summary>One object of the run log (a batch or a compacted summary).</summary>
    RunLog,

    /// <summary>
    /// A file of results written together (a pack). One whose index does not verify hides every
    /// result it holds, so it is counted as corrupt itself.
    /// </summary>
    ResultPack,
}

/// <summary>A stored object other than a result, read back and checked.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Name">Its name in the store, enough to remove it again.</param>
/// <param name="Intact">True if its header and checksum verify.</param>
public readonly record struct AuditedObject(StoredObjectKind Kind, string Name, bool Intact);

/// <summary>
/// Implemented by stores that can read back the objects the store contract does not reach whole:
/// listings of failure records and of the run log leave damaged objects out, and bundles are not
/// listed at all. Results need no help: they are listed and read through <see cref="IResultStore"/>.
/// </summary>
public interface IStoreAudit
{
    /// <summary>Reads every failure record, bundle and run-log object and says whether each verifies.</summary>
    IAsyncEnumerable<AuditedObject> AuditAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes one object that <see cref="AuditAsync"/> reported; true if it was there.</summary>
    ValueTask<bool> RemoveAsync(AuditedObject item, CancellationToken cancellationToken = default);
}
