using Jug.Cloud.Storage;

namespace Jug.Cloud.Hosting;

/// <summary>
/// The stores a host registered by name (<c>AddJugStore</c>). Each is opened on first use and kept
/// until the host's services are disposed, which disposes it: callers do not dispose what they get.
/// </summary>
public interface IJugStores
{
    /// <summary>The registered names.</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>The store registered as default (<c>AddJugStoreAsDefault</c>).</summary>
    /// <exception cref="JugStoreException">No default store is registered, or it cannot be opened.</exception>
    IJugStore Default { get; }

    /// <summary>The store registered as <paramref name="name"/>, opened on first use.</summary>
    /// <exception cref="JugStoreException">No store has that name, or it cannot be opened (one line, no password).</exception>
    IJugStore Get(string name);
}
