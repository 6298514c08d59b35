using Azure.Storage.Blobs;

namespace Jug.Cloud.Stores.Azure;

/// <summary>Settings of an Azure Blob store.</summary>
public sealed record AzureBlobStoreOptions
{
    /// <summary>The container (it must exist), with its credentials and retry settings.</summary>
    public required BlobContainerClient Container { get; init; }

    /// <summary>The blob-name prefix of this jugdir inside the container ("" for its root), without a trailing '/'.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>How many requests a batch (put many, exists) keeps in flight.</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>The clock used for claim expiry (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The store's name in messages; must not hold a secret.</summary>
    public string DisplayName { get; init; } = "azblob";
}
