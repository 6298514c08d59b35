using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Objects;

namespace Jug.Cloud.Stores.Azure;

/// <summary>
/// A jugdir in an Azure Blob container (<c>azblob://container/prefix</c> or a blob service URL): one
/// block blob per result, claim, failure record, bundle and run-log batch.
/// </summary>
/// <remarks>
/// An upload is atomic and durable once acknowledged; reads and lists are strongly consistent.
/// Batches run <see cref="ObjectStoreOptions.Concurrency"/> requests at once. Claims change only
/// by ETag-conditioned requests. Opening contacts no server: a missing container or bad credentials
/// surface as one <see cref="JugStoreException"/> line on first use.
/// </remarks>
public sealed class AzureBlobJugStore : ObjectJugStore
{
    /// <summary>Opens the container <paramref name="options"/> describe.</summary>
    public AzureBlobJugStore(AzureBlobStoreOptions options)
        : base(new AzureBlobs((options ?? throw new ArgumentNullException(nameof(options))).Container, options.DisplayName, options.RetryFor), options)
    {
    }
}
