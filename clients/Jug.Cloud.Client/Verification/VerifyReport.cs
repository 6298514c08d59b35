using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>What <c>verify</c> found of one kind of stored object.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Intact">Objects whose header and checksum verify.</param>
/// <param name="Corrupt">Objects that do not.</param>
/// <param name="Removed">Corrupt objects removed (only with repair).</param>
public sealed record VerifyCount(StoredObjectKind Kind, int Intact, int Corrupt, int Removed);

/// <summary>The outcome of reading back every object of a store.</summary>
/// <param name="Counts">One row per kind of object, results first.</param>
/// <param name="CorruptResults">The tasks whose stored result is corrupt.</param>
/// <param name="OnlyResults">
/// True for a store that cannot read back its other objects (<see cref="IStoreAudit"/>): only results were checked.
/// </param>
public sealed record VerifyReport(IReadOnlyList<VerifyCount> Counts, IReadOnlySet<TaskHash> CorruptResults, bool OnlyResults)
{
    /// <summary>True if nothing corrupt was found.</summary>
    public bool Clean => Counts.All(c => c.Corrupt == 0);
}
