using System.Text.RegularExpressions;

namespace Jug.Cloud.Stores.Azure;

/// <summary>How a host's Azure Blob store provider authenticates (<c>AddAzureBlobStoreProvider</c>).</summary>
public sealed partial class AzureBlobStoreProviderOptions
{
    /// <summary>
    /// The storage connection string; null to read <c>JUGCLOUD_AZURE_CONNECTION_STRING</c>, then
    /// <c>AZURE_STORAGE_CONNECTION_STRING</c>. It holds the account key: never logged or shown.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The clock for claim expiry; the system clock if null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>The connection string with its account key and shared access signature hidden.</summary>
    public override string ToString() =>
        ConnectionString is null ? "(connection string from the environment)" : SecretPart().Replace(ConnectionString, "$1=***");

    [GeneratedRegex("(AccountKey|SharedAccessSignature|SharedAccessKey)=[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretPart();
}
