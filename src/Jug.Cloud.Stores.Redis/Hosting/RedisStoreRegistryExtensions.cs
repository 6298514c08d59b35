using Jug.Cloud.Storage;

// Same namespace as the store so that one using brings both the store and its registration.
namespace Jug.Cloud.Stores.Redis;

/// <summary>Registers the Redis store with a <see cref="StoreRegistry"/>.</summary>
public static class RedisStoreRegistryExtensions
{
    /// <summary>Lets <paramref name="registry"/> open <c>redis://</c> and <c>rediss://</c> jugdirs.</summary>
    /// <param name="registry">The registry to add to.</param>
    /// <param name="timeProvider">The clock for claim expiry; the system clock if null.</param>
    public static StoreRegistry AddRedisStore(this StoreRegistry registry, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Register(new RedisStoreProvider(timeProvider));
    }
}
