using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Memory;

/// <summary>Opens <c>memory:</c> (a fresh, empty store each time) and <c>memory:path/file</c>.</summary>
/// <param name="timeProvider">The clock for claim expiry; the system clock if null.</param>
public sealed class MemoryStoreProvider(TimeProvider? timeProvider = null) : IStoreProvider
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Schemes { get; } = ["memory"];

    /// <inheritdoc />
    public IJugStore Open(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return new MemoryJugStore(new MemoryStoreOptions { File = location.Path, TimeProvider = timeProvider ?? TimeProvider.System });
    }
}
