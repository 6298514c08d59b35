using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;
using Jug.Cloud.Stores.Memory;

namespace Jug.Cloud.Bench.Stores;

/// <summary>An open store a scenario owns, removed (with everything in it) when disposed.</summary>
internal sealed class BenchStore : IAsyncDisposable
{
    private readonly string? _directory;
    private bool _disposed;

    /// <param name="store">The open store.</param>
    /// <param name="location">The location it was opened from (for messages).</param>
    /// <param name="directory">The directory to delete afterwards, for file jugdirs made here.</param>
    public BenchStore(IJugStore store, string location, string? directory)
    {
        Store = store;
        Location = location;
        _directory = directory;
    }

    public IJugStore Store { get; }

    public string Location { get; }

    /// <summary>The jugdir's directory when the store is a file jugdir; null otherwise.</summary>
    public string? FileRoot => Store is FileJugStore file ? file.Root : null;

    /// <summary>How many results the store holds.</summary>
    public async Task<int> CountResultsAsync(CancellationToken cancellationToken) =>
        await Store.ListAsync(cancellationToken).CountAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_directory is null && Store is not MemoryJugStore)
        {
            // A server-backed store: remove what the scenario wrote under its own prefix.
            await foreach (var key in Store.ListAsync())
            {
                await Store.DeleteAsync(key);
            }

            await Store.ClearRunsAsync();
        }

        await Store.DisposeAsync();
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
