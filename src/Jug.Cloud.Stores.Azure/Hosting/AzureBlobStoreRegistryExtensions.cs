using Jug.Cloud.Storage;

// Same namespace as the store so that one using brings both the store and its registration.
namespace Jug.Cloud.Stores.Azure;

/// <summary>Registers the Azure Blob store with a <see cref="StoreRegistry"/>.</summary>
public static class AzureBlobStoreRegistryExtensions
{
    /// <summary>Lets <paramref name="registry"/> open <c>azblob://</c> jugdirs and blob service URLs (<c>http(s)://</c>).</summary>
    /// <param name="registry">The registry to add to.</param>
    /// <param name="connectionString">The storage connection string; null to read JUGCLOUD_AZURE_CONNECTION_STRING, then AZURE_STORAGE_CONNECTION_STRING.</param>
    /// <param name="timeProvider">The clock for claim expiry; the system clock if null.</param>
    public static StoreRegistry AddAzureBlobStore(this StoreRegistry registry, string? connectionString = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Register(new AzureBlobStoreProvider(connectionString, timeProvider));
    }
}
