using Jug.Cloud.Storage;

namespace Jug.Cloud.Hosting;

/// <summary>
/// One named store of a host (<c>services.AddJugStore("results", "s3://bucket/prefix")</c>), as named
/// options: bind them from configuration or set them in code; they are validated when the host starts.
/// </summary>
public sealed class JugStoreOptions
{
    /// <summary>The name of the store <see cref="IJugStores.Default"/> returns.</summary>
    public const string DefaultName = "default";

    /// <summary>
    /// Where the store is: a path or <c>file:///…</c>, <c>memory:</c>, <c>redis://…</c>, <c>s3://…</c>,
    /// <c>azblob://…</c> (docs/stores.md); a provider for its scheme must be registered
    /// (<c>AddFileStoreProvider()</c>, <c>AddRedisStoreProvider()</c>…). It may hold a password: it is
    /// never logged or shown as given.
    /// </summary>
    public string? Uri { get; set; }

    /// <summary>What a relative path is resolved against; the current directory if null.</summary>
    public string? BaseDirectory { get; set; }

    /// <summary>The location without any password or secret query value.</summary>
    public override string ToString() => Uri is null ? "(no Uri)" : StoreLocation.RedactText(Uri);
}
