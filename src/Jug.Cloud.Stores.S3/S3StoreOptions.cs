using Amazon.Runtime;
using Amazon.S3;
using Jug.Cloud.Stores.Objects;

namespace Jug.Cloud.Stores.S3;

/// <summary>Settings of an S3 store: the bucket and client, beside the prefix, concurrency, clock and name every object store has.</summary>
public sealed record S3StoreOptions : ObjectStoreOptions
{
    /// <summary>Settings named "s3" in messages until a display name is given.</summary>
    public S3StoreOptions()
        : base("s3")
    {
    }

    /// <summary>The bucket; it must exist.</summary>
    public required string Bucket { get; init; }

    /// <summary>The client settings: region or service URL, path style, retries, checksums.</summary>
    public required AmazonS3Config Client { get; init; }

    /// <summary>Credentials; null for the SDK's default chain (environment variables, profile, instance role).</summary>
    public AWSCredentials? Credentials { get; init; }
}
