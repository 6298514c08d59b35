using Azure;
using Azure.Core;
using Azure.Storage;
using Azure.Storage.Blobs;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Azure;

/// <summary>
/// Opens <c>azblob://container[/prefix]</c> with a connection string (given, or from
/// <c>JUGCLOUD_AZURE_CONNECTION_STRING</c>, else <c>AZURE_STORAGE_CONNECTION_STRING</c>), and blob
/// service URLs: <c>https://account.blob.core.windows.net/container[/prefix]</c>, or emulator style
/// <c>http://host:port/account/container[/prefix]</c>, authorised by a SAS in the query or by the
/// account key of that connection string.
/// </summary>
/// <param name="connectionString">The storage connection string; null to read the environment.</param>
/// <param name="timeProvider">The clock for claim expiry; the system clock if null.</param>
public sealed class AzureBlobStoreProvider(string? connectionString = null, TimeProvider? timeProvider = null) : IStoreProvider
{
    /// <summary>The environment variables read for a connection string, in order.</summary>
    public static readonly IReadOnlyList<string> ConnectionStringVariables = ["JUGCLOUD_AZURE_CONNECTION_STRING", "AZURE_STORAGE_CONNECTION_STRING"];

    /// <inheritdoc />
    public IReadOnlyCollection<string> Schemes { get; } = ["azblob", "http", "https"];

    /// <inheritdoc />
    public IJugStore Open(StoreLocation location) => new AzureBlobJugStore(ToOptions(location));

    /// <summary>The options a location stands for.</summary>
    /// <exception cref="JugStoreException">The location is not a valid Azure Blob jugdir, or no credentials are at hand.</exception>
    public AzureBlobStoreOptions ToOptions(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Uri is null || string.IsNullOrEmpty(location.Host))
        {
            throw Invalid(location, "names no container (expected azblob://container/prefix)");
        }

        var (container, prefix) = location.Scheme == "azblob"
            ? FromConnectionString(location)
            : FromServiceUrl(location);
        return new AzureBlobStoreOptions
        {
            Container = container,
            Prefix = prefix,
            DisplayName = location.Redacted,
            TimeProvider = timeProvider ?? TimeProvider.System,
        };
    }

    private (BlobContainerClient, string) FromConnectionString(StoreLocation location)
    {
        if (location.Query.Count > 0 || location.UserName is not null)
        {
            throw Invalid(location, $"takes no credentials or parameters; give a connection string in {ConnectionStringVariables[0]}");
        }

        var service = Service(location, ConnectionString() ?? throw Invalid(location, $"needs a connection string in {ConnectionStringVariables[0]} or {ConnectionStringVariables[1]}"));
        return (Container(location, service, location.Host!), Uri.UnescapeDataString(location.Uri!.AbsolutePath).Trim('/'));
    }

    private (BlobContainerClient, string) FromServiceUrl(StoreLocation location)
    {
        // Azure names the account in the host; emulators (Azurite) in the first path segment.
        var segments = Uri.UnescapeDataString(location.Uri!.AbsolutePath).Trim('/').Split('/', 2);
        var accountInHost = location.Host!.Contains(".blob.", StringComparison.OrdinalIgnoreCase);
        var serviceUrl = location.Uri.GetLeftPart(UriPartial.Authority) + (accountInHost ? "" : "/" + segments[0]);
        var path = accountInHost ? segments : (segments.Length > 1 ? segments[1] : "").Split('/', 2);
        if (path[0].Length == 0)
        {
            throw Invalid(location, "names no container (expected https://account.blob.core.windows.net/container/prefix)");
        }

        var options = ClientOptions();
        BlobServiceClient service;
        if (location.Query.ContainsKey("sig"))
        {
            service = new BlobServiceClient(new Uri(serviceUrl), new AzureSasCredential(location.Uri.Query.TrimStart('?')), options);
        }
        else if (ConnectionString() is { } connection && AccountKey(connection) is { } key)
        {
            service = new BlobServiceClient(new Uri(serviceUrl), key, options);
        }
        else
        {
            throw Invalid(location, $"has no SAS (?sv=…&sig=…) and no account key in {ConnectionStringVariables[0]} or {ConnectionStringVariables[1]}");
        }

        return (Container(location, service, path[0]), path.Length > 1 ? path[1].Trim('/') : "");
    }

    private string? ConnectionString() =>
        connectionString ?? ConnectionStringVariables.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrEmpty(v));

    private static BlobServiceClient Service(StoreLocation location, string connection)
    {
        try
        {
            return new BlobServiceClient(connection, ClientOptions());
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new JugStoreException($"The Azure Blob jugdir '{location.Redacted}' has a malformed connection string: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    private static BlobContainerClient Container(StoreLocation location, BlobServiceClient service, string name)
    {
        // Azure's rule: 3-63 lower-case letters, digits and single hyphens, starting with a letter or digit.
        if (name.Length is < 3 or > 63 || !name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-') || name[0] == '-' || name.Contains("--", StringComparison.Ordinal))
        {
            throw Invalid(location, $"names the container '{name}', which is not a valid container name (3-63 lower-case letters, digits, hyphens)");
        }

        return service.GetBlobContainerClient(name);
    }

    private static StorageSharedKeyCredential? AccountKey(string connection)
    {
        var parts = connection.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return parts.TryGetValue("AccountName", out var account) && parts.TryGetValue("AccountKey", out var key)
            ? new StorageSharedKeyCredential(account, key)
            : null;
    }

    private static BlobClientOptions ClientOptions() => new()
    {
        Retry =
        {
            Mode = RetryMode.Exponential,
            MaxRetries = 5,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(10),
        },
    };

    private static JugStoreException Invalid(StoreLocation location, string problem) =>
        new($"The Azure Blob jugdir '{location.Redacted}' {problem}.");
}
