namespace Jug.Cloud.Storage;

/// <summary>
/// Content-addressed bundles: the compiled code of a jugfile (and its graph packages), kept beside its
/// results, each with an optional detached signature of its id.
/// </summary>
public interface IBundleStore
{
    /// <summary>Stores a bundle under its id (a content hash); a no-op if it is already there.</summary>
    ValueTask PutBundleAsync(string bundleId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Reads a bundle, or null if absent.</summary>
    ValueTask<byte[]?> GetBundleAsync(string bundleId, CancellationToken cancellationToken = default);

    /// <summary>Whether a bundle is stored.</summary>
    ValueTask<bool> BundleExistsAsync(string bundleId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the signature of a bundle's id (<c>bundles/&lt;id&gt;.sig</c> or the store's equivalent),
    /// replacing any signature stored before: a bundle uploaded unsigned may be signed later.
    /// </summary>
    ValueTask PutBundleSignatureAsync(string bundleId, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken = default);

    /// <summary>Reads the signature of a bundle's id, or null if the bundle was not signed.</summary>
    ValueTask<byte[]?> GetBundleSignatureAsync(string bundleId, CancellationToken cancellationToken = default);
}
