using System.Collections.Concurrent;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Cluster.Workers;

/// <summary>The stores a silo has opened, one per jugdir URI, kept for the life of the silo.</summary>
/// <param name="open">Opens a store URI (the host's store registry knows the providers).</param>
public sealed class ClusterStores(Func<string, IJugStore> open) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IJugStore>> _stores = new(StringComparer.Ordinal);

    /// <summary>The store at <paramref name="uri"/>, opened on first use.</summary>
    public IJugStore Open(string uri) => _stores.GetOrAdd(uri, u => new Lazy<IJugStore>(() => open(u))).Value;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores.Values.Where(s => s.IsValueCreated))
        {
            await store.Value.DisposeAsync();
        }

        _stores.Clear();
    }
}
