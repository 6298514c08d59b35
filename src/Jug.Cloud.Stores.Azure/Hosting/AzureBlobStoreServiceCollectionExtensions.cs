using Jug.Cloud.Stores.Azure;
using Microsoft.Extensions.Options;

// The namespace of IServiceCollection, as the framework's own registration methods use.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Azure Blob store provider with a host's services.</summary>
public static class AzureBlobStoreServiceCollectionExtensions
{
    /// <summary>Lets the host's named stores (<c>AddJugStore</c>) be <c>azblob://</c> jugdirs and blob service URLs (<c>http(s)://</c>).</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the connection string (else it is read from the environment) and the clock.</param>
    public static IServiceCollection AddAzureBlobStoreProvider(this IServiceCollection services, Action<AzureBlobStoreProviderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AzureBlobStoreProviderOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services.AddJugStoreProvider(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<AzureBlobStoreProviderOptions>>().Value;
            return new AzureBlobStoreProvider(settings.ConnectionString, settings.TimeProvider);
        });
    }
}
