using Jug.Cloud.Storage;

// Same namespace as the store so that one using brings both the store and its registration.
namespace Jug.Cloud.Stores.Memory;

/// <summary>Registers the memory store with a <see cref="StoreRegistry"/>.</summary>
public static class MemoryStoreRegistryExtensions
{
    /// <summary>Lets <paramref name="registry"/> open <c>memory:</c> and <c>memory:path/file</c>.</summary>
    /// <param name="registry">The registry to add to.</param>
    /// <param name="timeProvider">The clock for claim expiry; the system clock if null.</param>
    public static StoreRegistry AddMemoryStore(this StoreRegistry registry, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Register(new MemoryStoreProvider(timeProvider));
    }
}
