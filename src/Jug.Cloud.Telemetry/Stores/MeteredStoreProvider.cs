using Jug.Cloud.Storage;

namespace Jug.Cloud.Telemetry.Stores;

/// <summary>Opens stores through another provider and measures them, labelled by the location's scheme (no URI, so no secret).</summary>
internal sealed class MeteredStoreProvider(IStoreProvider inner) : IStoreProvider
{
    public IReadOnlyCollection<string> Schemes => inner.Schemes;

    public IJugStore Open(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return new MeteredStore(inner.Open(location), location.Scheme);
    }
}
