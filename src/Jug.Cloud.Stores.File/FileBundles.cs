using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.File;

/// <summary>A jugdir's bundles: <c>bundles/&lt;id&gt;</c>, each inside the <see cref="StoredObject"/> envelope.</summary>
internal sealed class FileBundles(FileLayout layout, bool durable) : IBundleStore
{
    /// <summary>Writes the bundle unless a file of its wrapped size is already there.</summary>
    public ValueTask PutBundleAsync(string bundleId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = layout.Bundle(BundleId.Check(bundleId));
        var present = new FileInfo(path);
        if (!present.Exists || present.Length != StoredObject.HeaderSize + content.Length)
        {
            AtomicFile.Write(path, StoredObject.Wrap(CodecId.Bytes, 0, content.Span), durable);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<byte[]?> GetBundleAsync(string bundleId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = AtomicFile.ReadOrNull(layout.Bundle(BundleId.Check(bundleId)));
        return ValueTask.FromResult(bytes is null ? null : StoredObject.Open(bytes).Payload.ToArray());
    }

    public ValueTask<bool> BundleExistsAsync(string bundleId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(System.IO.File.Exists(layout.Bundle(BundleId.Check(bundleId))));
    }

    /// <summary>Writes <c>bundles/&lt;id&gt;.sig</c>, replacing any signature before.</summary>
    public ValueTask PutBundleSignatureAsync(string bundleId, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        AtomicFile.Write(layout.BundleSignature(BundleId.Check(bundleId)), StoredObject.Wrap(CodecId.Bytes, 0, signature.Span), durable);
        return ValueTask.CompletedTask;
    }

    public ValueTask<byte[]?> GetBundleSignatureAsync(string bundleId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = AtomicFile.ReadOrNull(layout.BundleSignature(BundleId.Check(bundleId)));
        return ValueTask.FromResult(bytes is null ? null : StoredObject.Open(bytes).Payload.ToArray());
    }
}
