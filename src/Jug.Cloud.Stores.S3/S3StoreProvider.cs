using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Stores.S3;

/// <summary>
/// Opens <c>s3://bucket[/prefix][?region=…&amp;endpoint=…&amp;pathStyle=true|false]</c>. Without an
/// endpoint the store talks to AWS in the region (default: the SDK's, else us-east-1); with one
/// (MinIO, s3rver, GCS interop) it uses path-style addressing unless told otherwise. Credentials
/// come from the SDK's default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile, role).
/// </summary>
/// <param name="timeProvider">The clock for claim expiry; the system clock if null.</param>
/// <param name="logger">Where the stores it opens log objects read again; none if null.</param>
public sealed class S3StoreProvider(TimeProvider? timeProvider = null, ILogger? logger = null) : IStoreProvider
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Schemes { get; } = ["s3"];

    /// <inheritdoc />
    public IJugStore Open(StoreLocation location) => new S3JugStore(ToOptions(location, timeProvider), logger);

    /// <summary>The options an <c>s3://</c> location stands for.</summary>
    /// <exception cref="JugStoreException">The location is not a valid S3 jugdir.</exception>
    public static S3StoreOptions ToOptions(StoreLocation location, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Uri is null || string.IsNullOrEmpty(location.Host))
        {
            throw Invalid(location, "names no bucket (expected s3://bucket/prefix)");
        }

        if (location.UserName is not null)
        {
            throw Invalid(location, "holds credentials; give them in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead");
        }

        var client = new AmazonS3Config
        {
            // Checksums only where the API demands them: S3-compatible servers that do not know the
            // newer trailing checksums would otherwise store the aws-chunked framing inside objects.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = 5,
        };
        string? region = null;
        bool? pathStyle = null;
        foreach (var (name, value) in location.Query)
        {
            switch (name.ToLowerInvariant())
            {
                case "region":
                    region = value;
                    break;
                case "endpoint":
                    if (!Uri.TryCreate(value, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
                    {
                        throw Invalid(location, $"has endpoint='{value}' (expected http://host:port or https://host)");
                    }

                    client.ServiceURL = endpoint.ToString();
                    break;
                case "pathstyle":
                    pathStyle = bool.TryParse(value, out var parsed) ? parsed : throw Invalid(location, $"has pathStyle='{value}' (expected true or false)");
                    break;
                default:
                    throw Invalid(location, $"has an unknown parameter '{name}' (known: region, endpoint, pathStyle)");
            }
        }

        if (client.ServiceURL is null)
        {
            client.RegionEndpoint = RegionEndpoint.GetBySystemName(region ?? "us-east-1");
        }
        else
        {
            client.AuthenticationRegion = region ?? "us-east-1";
        }

        client.ForcePathStyle = pathStyle ?? client.ServiceURL is not null;
        return new S3StoreOptions
        {
            Bucket = location.Host,
            Prefix = Uri.UnescapeDataString(location.Uri.AbsolutePath).Trim('/'),
            Client = client,
            DisplayName = location.Redacted,
            TimeProvider = timeProvider ?? TimeProvider.System,
        };
    }

    private static JugStoreException Invalid(StoreLocation location, string problem) =>
        new($"The S3 jugdir '{location.Redacted}' {problem}.");
}
