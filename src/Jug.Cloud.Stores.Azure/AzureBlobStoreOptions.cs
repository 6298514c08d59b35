using Azure.Storage.Blobs;
using Jug.Cloud.Stores.Objects;

namespace Jug.Cloud.Stores.Azure;

/// <summary>Settings of an Azure Blob store: the container, beside the prefix, concurrency, clock and name every object store has.</summary>
public sealed record AzureBlobStoreOptions : ObjectStoreOptions
{
    /// <summary>Settings named "azblob" in messages until a display name is given.</summary>
    public AzureBlobStoreOptions()
        : base("azblob")
    {
    }

    /// <summary>The container (it must exist), with its credentials and retry settings.</summary>
    public required BlobContainerClient Container { get; init; }
}
