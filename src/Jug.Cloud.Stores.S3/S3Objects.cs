using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Objects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jug.Cloud.Stores.S3;

/// <summary>
/// The few object operations the store needs, with "absent" as null/false rather than an exception,
/// and every other service or network failure as one <see cref="JugStoreException"/> line naming the
/// store, after the SDK's own retries and, for an outage (connection refused or reset, a 5xx), after
/// <see cref="OutageRetry"/> has tried for <see cref="ObjectStoreOptions.RetryFor"/>. S3 writes cannot be relied on to honour
/// preconditions (s3rver and several S3-compatible servers ignore them), so this backend offers none
/// and the store takes claims through intent objects.
/// </summary>
internal sealed class S3Objects(IAmazonS3 client, string bucket, string displayName, TimeSpan retryFor, ILogger? logger = null) : IObjectBackend, IDisposable
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    private readonly OutageRetry _retry = new(
        retryFor,
        IsOutage,
        (delay, e) => S3StoreLog.Retrying(logger ?? NullLogger.Instance, displayName, (long)delay.TotalMilliseconds, e.Message.ReplaceLineEndings(" ")));

    /// <summary>How the SDK's message for a body that does not match its checksum begins.</summary>
    private const string ChecksumMismatch = "Expected hash not equal to calculated hash";

    private const int ChecksumAttempts = 4;

    /// <summary>Uploads <paramref name="content"/> as one object; S3 makes it visible whole or not at all.</summary>
    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        RunAsync(
            async () =>
            {
                using var stream = AsStream(content);
                await client.PutObjectAsync(
                    new PutObjectRequest
                    {
                        BucketName = bucket,
                        Key = key,
                        InputStream = stream,
                        AutoCloseStream = false,
                        // Plain (unchunked) uploads: S3-compatible servers such as s3rver store aws-chunked bodies as they are.
                        UseChunkEncoding = false,
                    },
                    cancellationToken);
                return true;
            },
            cancellationToken);

    /// <summary>
    /// Downloads an object into an array of its exact length, or null if there is none. A body that
    /// does not match the checksum the service gives for it is read again a few times (it may have
    /// been replaced while it was read); if it never does, the body is returned as it is and the
    /// store's own checksum, which every stored object carries in its header, decides whether it is
    /// whole. s3rver can keep a checksum of an upload whose client died next to a whole body written
    /// by another client, and that object is as good as any.
    /// </summary>
    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (content, matches) = await GetOnceAsync(key, cancellationToken);
            if (matches || attempt == ChecksumAttempts)
            {
                if (!matches)
                {
                    S3StoreLog.ChecksumNeverMatched(_logger, displayName, key, ChecksumAttempts);
                }

                return content;
            }

            S3StoreLog.ReadingAgain(_logger, displayName, key, attempt);
            await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), cancellationToken);
        }
    }

    /// <summary>One download: the body (null if there is no object) and whether it matched the service's checksum.</summary>
    private Task<(byte[]? Content, bool Matches)> GetOnceAsync(string key, CancellationToken cancellationToken) =>
        RunAsync(
            async () =>
            {
                GetObjectResponse response;
                try
                {
                    response = await client.GetObjectAsync(bucket, key, cancellationToken);
                }
                catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
                {
                    return ((byte[]?)null, true);
                }

                var length = response.ContentLength;
                if (length > Array.MaxLength)
                {
                    response.Dispose();
                    throw new JugStoreException($"The object '{key}' in {displayName} is {length} bytes, too large to read into memory.");
                }

                // Read straight from the response into the one array handed to the caller. The SDK
                // compares the body with the service's checksum as the stream ends or closes.
                var content = new byte[length];
                try
                {
                    using (response)
                    {
                        await response.ResponseStream.ReadExactlyAsync(content, cancellationToken);
                    }
                }
                catch (AmazonClientException e) when (e.Message.StartsWith(ChecksumMismatch, StringComparison.Ordinal))
                {
                    return (content, false);
                }

                return (content, true);
            },
            cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        RunAsync(
            async () =>
            {
                try
                {
                    await client.GetObjectMetadataAsync(bucket, key, cancellationToken);
                    return true;
                }
                catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
                {
                    return false;
                }
            },
            cancellationToken);

    /// <summary>
    /// Deletes an object; true if it was there. S3's DELETE does not say, so this asks first: two
    /// deleters racing may both answer true.
    /// </summary>
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(key, cancellationToken))
        {
            return false;
        }

        await DeleteQuietlyAsync(key, cancellationToken);
        return true;
    }

    /// <summary>One DELETE, which S3 answers the same whether or not the object was there.</summary>
    public Task DeleteQuietlyAsync(string key, CancellationToken cancellationToken) =>
        RunAsync(async () => await client.DeleteObjectAsync(bucket, key, cancellationToken), cancellationToken);

    /// <summary>Every object key under <paramref name="prefix"/>, page by page.</summary>
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        while (true)
        {
            var page = await RunAsync(() => client.ListObjectsV2Async(request, cancellationToken), cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                yield return item.Key;
            }

            if (page.IsTruncated != true)
            {
                yield break;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    /// <summary>Releases the client's HTTP connections.</summary>
    public void Dispose() => client.Dispose();

    private async Task<T> RunAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.RunAsync(operation, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            throw new JugStoreException($"The S3 store {displayName} names the bucket '{bucket}', which does not exist.", e);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException)
        {
            throw new JugStoreException($"The S3 store {displayName} failed: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    /// <summary>
    /// An outage rather than a refusal: no connection (refused, reset, a response cut off) or a 5xx
    /// (the service starting or overloaded). A missing bucket, a 4xx and a checksum mismatch are not.
    /// </summary>
    private static bool IsOutage(Exception e) =>
        e is AmazonServiceException { StatusCode: >= HttpStatusCode.InternalServerError } || (e is not AmazonS3Exception { ErrorCode: "NoSuchBucket" } && OutageRetry.IsConnectionFailure(e));

    /// <summary>A read-only stream over the caller's memory, without copying it when it is an array (as results are).</summary>
    private static MemoryStream AsStream(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
}
