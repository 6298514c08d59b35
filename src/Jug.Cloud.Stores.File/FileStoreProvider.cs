using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.File;

/// <summary>Opens <c>file</c> locations: bare paths and <c>file:///…</c>.</summary>
/// <param name="durable">See <see cref="FileStoreOptions.Durable"/>.</param>
/// <param name="timeProvider">The clock for claim expiry; the system clock if null.</param>
public sealed class FileStoreProvider(bool durable = true, TimeProvider? timeProvider = null) : IStoreProvider
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Schemes { get; } = ["file"];

    /// <inheritdoc />
    public IJugStore Open(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Path is null)
        {
            throw new JugStoreException($"The jugdir '{location}' names no directory for the file store.");
        }

        if (System.IO.File.Exists(location.Path))
        {
            throw new JugStoreException($"The jugdir '{location.Path}' is a file, not a directory.");
        }

        return new FileJugStore(new FileStoreOptions
        {
            Root = location.Path,
            Durable = durable,
            TimeProvider = timeProvider ?? TimeProvider.System,
        });
    }
}
