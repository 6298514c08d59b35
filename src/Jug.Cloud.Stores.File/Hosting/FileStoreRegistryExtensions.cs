using Jug.Cloud.Storage;

// Same namespace as the store so that one using brings both the store and its registration.
namespace Jug.Cloud.Stores.File;

/// <summary>Registers the file store with a <see cref="StoreRegistry"/>.</summary>
public static class FileStoreRegistryExtensions
{
    /// <summary>Lets <paramref name="registry"/> open bare paths and <c>file:///…</c>.</summary>
    /// <param name="registry">The registry to add to.</param>
    /// <param name="durable">See <see cref="FileStoreOptions.Durable"/>.</param>
    /// <param name="timeProvider">The clock for claim expiry; the system clock if null.</param>
    public static StoreRegistry AddFileStore(this StoreRegistry registry, bool durable = true, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Register(new FileStoreProvider(durable, timeProvider));
    }
}
