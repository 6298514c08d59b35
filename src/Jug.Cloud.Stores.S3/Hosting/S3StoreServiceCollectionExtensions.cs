using Jug.Cloud.Stores.S3;
using Microsoft.Extensions.Logging;

// The namespace of IServiceCollection, as the framework's own registration methods use.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the S3 store provider with a host's services.</summary>
public static class S3StoreServiceCollectionExtensions
{
    /// <summary>
    /// Lets the host's named stores (<c>AddJugStore</c>) be <c>s3://</c> jugdirs; objects read again
    /// after a checksum mismatch are logged through the host's logging.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="timeProvider">The clock for claim expiry; the system clock if null.</param>
    public static IServiceCollection AddS3StoreProvider(this IServiceCollection services, TimeProvider? timeProvider = null) =>
        services.AddJugStoreProvider(sp => new S3StoreProvider(timeProvider, sp.GetService<ILogger<S3JugStore>>()));
}
