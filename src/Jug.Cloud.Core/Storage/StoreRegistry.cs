namespace Jug.Cloud.Storage;

/// <summary>
/// The store providers an application knows, chosen by a location's scheme. An instance, not a
/// global: each host builds its own (<c>new StoreRegistry().AddFileStore().AddMemoryStore()</c>).
/// </summary>
public sealed class StoreRegistry
{
    private readonly Dictionary<string, IStoreProvider> _providers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The schemes that can be opened.</summary>
    public IReadOnlyCollection<string> Schemes => _providers.Keys;

    /// <summary>Adds a provider for its schemes, replacing any earlier one.</summary>
    public StoreRegistry Register(IStoreProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        foreach (var scheme in provider.Schemes)
        {
            _providers[scheme] = provider;
        }

        return this;
    }

    /// <summary>Parses <paramref name="location"/> and opens its store.</summary>
    /// <exception cref="JugStoreException">Malformed location or unknown scheme (one-line message).</exception>
    public IJugStore Open(string location, string? baseDirectory = null) => Open(StoreLocation.Parse(location, baseDirectory));

    /// <summary>Opens the store at a parsed location.</summary>
    public IJugStore Open(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (_providers.TryGetValue(location.Scheme, out var provider))
        {
            return provider.Open(location);
        }

        var supported = _providers.Count == 0 ? "none registered" : string.Join(", ", _providers.Keys.Order(StringComparer.Ordinal));
        throw new JugStoreException($"unknown store scheme '{location.Scheme}' in '{location.Redacted}' (supported: {supported})");
    }
}
