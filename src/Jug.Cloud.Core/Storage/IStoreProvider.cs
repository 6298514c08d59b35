namespace Jug.Cloud.Storage;

/// <summary>Opens stores for one or more URI schemes; each provider project offers one.</summary>
public interface IStoreProvider
{
    /// <summary>The schemes this provider opens (lower case).</summary>
    IReadOnlyCollection<string> Schemes { get; }

    /// <summary>Opens the store at <paramref name="location"/>; throws <see cref="JugStoreException"/> if it cannot.</summary>
    IJugStore Open(StoreLocation location);
}
