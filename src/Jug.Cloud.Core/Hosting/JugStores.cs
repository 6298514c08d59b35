using Jug.Cloud.Storage;
using Microsoft.Extensions.Options;

namespace Jug.Cloud.Hosting;

/// <summary>The named stores, opened through the host's <see cref="StoreRegistry"/> and owned here.</summary>
internal sealed class JugStores(StoreRegistry registry, IOptionsMonitor<JugStoreOptions> options, IOptions<JugStoreNames> names)
    : IJugStores, IAsyncDisposable
{
    private readonly Dictionary<string, IJugStore> _open = new(StringComparer.Ordinal);
    private bool _disposed;

    public IReadOnlyCollection<string> Names => names.Value.Names;

    public IJugStore Default => Get(JugStoreOptions.DefaultName);

    public IJugStore Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var configured = Options(name);
        lock (_open)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_open.TryGetValue(name, out var store))
            {
                // Opened under the lock: rare, and two callers must not open (and connect) twice.
                store = registry.Open(configured.Uri!, configured.BaseDirectory);
                _open.Add(name, store);
            }

            return store;
        }
    }

    public async ValueTask DisposeAsync()
    {
        IJugStore[] stores;
        lock (_open)
        {
            _disposed = true;
            stores = [.. _open.Values];
            _open.Clear();
        }

        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    private JugStoreOptions Options(string name)
    {
        if (!names.Value.Names.Contains(name))
        {
            var known = names.Value.Names.Count == 0 ? "none" : string.Join(", ", names.Value.Names.Order(StringComparer.Ordinal));
            throw new JugStoreException(name == JugStoreOptions.DefaultName
                ? $"No default store is registered (AddJugStoreAsDefault); registered: {known}."
                : $"No store is registered as '{name}' (AddJugStore); registered: {known}.");
        }

        // Validated here too, so a host that never ran its start-up validation still gets the one-line message.
        try
        {
            return options.Get(name);
        }
        catch (OptionsValidationException e)
        {
            throw new JugStoreException(string.Join(" ", e.Failures), e);
        }
    }
}
