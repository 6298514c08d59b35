using Amazon.S3;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Objects;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Stores.S3;

/// <summary>
/// A jugdir in an S3 bucket (<c>s3://bucket/prefix?endpoint=…&amp;region=…</c>), on AWS or an
/// S3-compatible server: one object per result, claim, failure record, bundle and run-log batch.
/// </summary>
/// <remarks>
/// A PUT is atomic and durable once acknowledged; reads and lists are strongly consistent on AWS
/// S3 (since 2020) and on the S3-compatible servers this is tested with. Batches run
/// <see cref="ObjectStoreOptions.Concurrency"/> requests at once. Opening contacts no server: a
/// missing bucket or bad credentials surface as one <see cref="JugStoreException"/> line on first use.
/// </remarks>
public sealed class S3JugStore : ObjectJugStore
{
    /// <summary>Creates the client for the store <paramref name="options"/> describe.</summary>
    /// <param name="options">The bucket, prefix and client settings.</param>
    /// <param name="logger">Where objects read again after a checksum mismatch are logged; none if null.</param>
    public S3JugStore(S3StoreOptions options, ILogger? logger = null)
        : base(Objects(options, logger), options)
    {
    }

    private static S3Objects Objects(S3StoreOptions options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        var client = options.Credentials is null ? new AmazonS3Client(options.Client) : new AmazonS3Client(options.Credentials, options.Client);
        return new S3Objects(client, options.Bucket, options.DisplayName, options.RetryFor, logger);
    }
}
