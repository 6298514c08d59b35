using Jug.Cloud.Storage;

// Same namespace as the store so that one using brings both the store and its registration.
namespace Jug.Cloud.Stores.S3;

/// <summary>Registers the S3 store with a <see cref="StoreRegistry"/>.</summary>
public static class S3StoreRegistryExtensions
{
    /// <summary>Lets <paramref name="registry"/> open <c>s3://</c> jugdirs.</summary>
    /// <param name="registry">The registry to add to.</param>
    /// <param name="timeProvider">The clock for claim expiry; the system clock if null.</param>
    public static StoreRegistry AddS3Store(this StoreRegistry registry, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Register(new S3StoreProvider(timeProvider));
    }
}
