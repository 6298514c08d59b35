using Amazon.Runtime;
using Amazon.S3;

namespace Jug.Cloud.Stores.S3;

/// <summary>Settings of an S3 store.</summary>
public sealed record S3StoreOptions
{
    /// <summary>The bucket; it must exist.</summary>
    public required string Bucket { get; init; }

    /// <summary>The key prefix of this jugdir inside the bucket ("" for the bucket's root), without a trailing '/'.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>The client settings: region or service URL, path style, retries, checksums.</summary>
    public required AmazonS3Config Client { get; init; }

    /// <summary>Credentials; null for the SDK's default chain (environment variables, profile, instance role).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>How many requests a batch (put many, exists) keeps in flight.</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>The clock used for claim expiry (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The store's name in messages; must not hold a secret.</summary>
    public string DisplayName { get; init; } = "s3";
}
