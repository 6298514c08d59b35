using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.File;

/// <summary>Opens <c>file</c> locations (bare paths and <c>file:///…</c>).</summary>
public sealed class FileStoreProvider : IStoreProvider
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Schemes { get; } = ["file"];

    /// <inheritdoc />
    public IJugStore Open(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return new FileJugStore(new FileStoreOptions { Root = location.Path! });
    }
}

/// <summary>Registers the file store.</summary>
public static class FileStoreRegistryExtensions
{
    /// <summary>Lets <paramref name="registry"/> open bare paths and <c>file:///…</c>.</summary>
    public static StoreRegistry AddFileStore(this StoreRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Register(new FileStoreProvider());
    }
}
