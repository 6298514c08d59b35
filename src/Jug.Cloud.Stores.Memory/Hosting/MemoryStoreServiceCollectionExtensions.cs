using Jug.Cloud.Stores.Memory;

// The namespace of IServiceCollection, as the framework's own registration methods use.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the memory store provider with a host's services.</summary>
public static class MemoryStoreServiceCollectionExtensions
{
    /// <summary>Lets the host's named stores (<c>AddJugStore</c>) be <c>memory:</c> and <c>memory:path/file</c>.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="timeProvider">The clock for claim expiry; the system clock if null.</param>
    public static IServiceCollection AddMemoryStoreProvider(this IServiceCollection services, TimeProvider? timeProvider = null) =>
        services.AddJugStoreProvider(_ => new MemoryStoreProvider(timeProvider));
}
