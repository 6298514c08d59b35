using Jug.Cloud.Hosting;
using Jug.Cloud.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// The namespace of IServiceCollection, as the framework's and Orleans' own registration methods use:
// the methods are found without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Jug.Cloud stores by name, and the providers that open them, with a host's services.</summary>
public static class JugStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store at <paramref name="uri"/> as <paramref name="name"/>, resolved through
    /// <see cref="IJugStores.Get"/>. Its options are validated when the host starts.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="name">The store's name (ordinal, case-sensitive).</param>
    /// <param name="uri">A path or store URI; a provider for its scheme must be registered.</param>
    public static IServiceCollection AddJugStore(this IServiceCollection services, string name, string uri) =>
        services.AddJugStore(name, o => o.Uri = uri);

    /// <summary>Registers a store as <paramref name="name"/> with options set by <paramref name="configure"/> (e.g. bound from configuration).</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="name">The store's name (ordinal, case-sensitive).</param>
    /// <param name="configure">Sets the store's options.</param>
    public static IServiceCollection AddJugStore(this IServiceCollection services, string name, Action<JugStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddJugStores();
        services.AddOptions<JugStoreOptions>(name).Configure(configure).ValidateOnStart();
        services.Configure<JugStoreNames>(n => n.Names.Add(name));
        return services;
    }

    /// <summary>Registers the store at <paramref name="uri"/> as the default one (<see cref="IJugStores.Default"/>).</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="uri">A path or store URI; a provider for its scheme must be registered.</param>
    public static IServiceCollection AddJugStoreAsDefault(this IServiceCollection services, string uri) =>
        services.AddJugStore(JugStoreOptions.DefaultName, uri);

    /// <summary>Registers the default store with options set by <paramref name="configure"/>.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the store's options.</param>
    public static IServiceCollection AddJugStoreAsDefault(this IServiceCollection services, Action<JugStoreOptions> configure) =>
        services.AddJugStore(JugStoreOptions.DefaultName, configure);

    /// <summary>
    /// Registers a store provider (what <c>AddRedisStoreProvider()</c> and the others call). A later
    /// provider for the same scheme replaces an earlier one, as in <see cref="StoreRegistry.Register"/>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="factory">Creates the provider from the host's services (its logger, clock…).</param>
    public static IServiceCollection AddJugStoreProvider(this IServiceCollection services, Func<IServiceProvider, IStoreProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(factory);
        services.AddJugStores();
        services.AddSingleton(factory);
        return services;
    }

    /// <summary>
    /// Registers what named stores need (done by every method above; idempotent): the
    /// <see cref="StoreRegistry"/> built from the registered providers, <see cref="IJugStores"/>, and
    /// the validation of <see cref="JugStoreOptions"/>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    public static IServiceCollection AddJugStores(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.TryAddSingleton(sp =>
        {
            var registry = new StoreRegistry();
            foreach (var provider in sp.GetServices<IStoreProvider>())
            {
                registry.Register(provider);
            }

            return registry;
        });
        services.TryAddSingleton<IJugStores, JugStores>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JugStoreOptions>, JugStoreOptionsValidator>());
        return services;
    }
}
