using Microsoft.Extensions.DependencyInjection;

namespace Jug.Cloud.Cli.Commands;

/// <summary>The store providers jugcloud ships: one list for the commands and the silo.</summary>
internal static class JugCloudStoreProviders
{
    /// <summary>Registers every store provider jugcloud ships.</summary>
    public static IServiceCollection AddAllStoreProviders(this IServiceCollection services) =>
        services.AddFileStoreProvider().AddMemoryStoreProvider().AddRedisStoreProvider().AddS3StoreProvider().AddAzureBlobStoreProvider();
}
