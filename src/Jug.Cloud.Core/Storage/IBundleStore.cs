namespace Jug.Cloud.Storage;

/// <summary>Content-addressed bundles: the compiled code of a jugfile, kept beside its results.</summary>
public interface IBundleStore
{
    /// <summary>Stores a bundle under its id (a content hash); a no-op if it is already there.</summary>
    ValueTask PutBundleAsync(string bundleId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Reads a bundle, or null if absent.</summary>
    ValueTask<byte[]?> GetBundleAsync(string bundleId, CancellationToken cancellationToken = default);

    /// <summary>Whether a bundle is stored.</summary>
    ValueTask<bool> BundleExistsAsync(string bundleId, CancellationToken cancellationToken = default);
}
