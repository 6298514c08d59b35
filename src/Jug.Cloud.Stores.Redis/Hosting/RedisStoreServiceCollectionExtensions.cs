using Jug.Cloud.Stores.Redis;
using Microsoft.Extensions.Logging;

// The namespace of IServiceCollection, as the framework's own registration methods use.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis store provider with a host's services.</summary>
public static class RedisStoreServiceCollectionExtensions
{
    /// <summary>
    /// Lets the host's named stores (<c>AddJugStore</c>) be <c>redis://</c> and <c>rediss://</c>
    /// jugdirs; their retries through connection faults are logged through the host's logging.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="timeProvider">The clock for claim expiry; the system clock if null.</param>
    public static IServiceCollection AddRedisStoreProvider(this IServiceCollection services, TimeProvider? timeProvider = null) =>
        services.AddJugStoreProvider(sp => new RedisStoreProvider(timeProvider, sp.GetService<ILogger<RedisJugStore>>()));
}
