using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Memory;

/// <summary>Opens <c>memory:</c> and <c>memory:path/file</c>.</summary>
public sealed class MemoryStoreProvider : IStoreProvider
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Schemes { get; } = ["memory"];

    /// <inheritdoc />
    public IJugStore Open(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return new MemoryJugStore(location.Path);
    }
}

/// <summary>Registers the memory store.</summary>
public static class MemoryStoreRegistryExtensions
{
    /// <summary>Lets <paramref name="registry"/> open <c>memory:</c> locations.</summary>
    public static StoreRegistry AddMemoryStore(this StoreRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Register(new MemoryStoreProvider());
    }
}
