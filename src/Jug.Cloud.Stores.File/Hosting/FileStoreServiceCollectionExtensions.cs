using Jug.Cloud.Stores.File;

// The namespace of IServiceCollection, as the framework's own registration methods use.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the file store provider with a host's services.</summary>
public static class FileStoreServiceCollectionExtensions
{
    /// <summary>Lets the host's named stores (<c>AddJugStore</c>) be bare paths and <c>file:///…</c>.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="durable">See <see cref="FileStoreOptions.Durable"/>.</param>
    /// <param name="timeProvider">The clock for claim expiry; the system clock if null.</param>
    public static IServiceCollection AddFileStoreProvider(this IServiceCollection services, bool durable = true, TimeProvider? timeProvider = null) =>
        services.AddJugStoreProvider(_ => new FileStoreProvider(durable, timeProvider));
}
