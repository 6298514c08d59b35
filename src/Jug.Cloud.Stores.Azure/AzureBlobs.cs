using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Objects;

namespace Jug.Cloud.Stores.Azure;

/// <summary>
/// The blob operations the store needs, with "absent" as null/false and "a condition did not hold"
/// as false, and every other failure as one <see cref="JugStoreException"/> line naming the store,
/// after the SDK's own retries and, for an outage (connection refused or reset, a 5xx), after
/// <see cref="OutageRetry"/> has tried for <see cref="ObjectStoreOptions.RetryFor"/>. Blob Storage honours <c>If-None-Match</c>
/// and <c>If-Match</c> on ETags, so claims are kept with them.
/// </summary>
internal sealed class AzureBlobs(BlobContainerClient container, string displayName, TimeSpan retryFor) : IConditionalObjectBackend
{
    private readonly OutageRetry _retry = new(retryFor, IsOutage);

    /// <summary>Create-only: the request fails if the blob exists.</summary>
    private static readonly BlobRequestConditions IfAbsent = new() { IfNoneMatch = ETag.All };

    /// <summary>Uploads <paramref name="content"/> (wrapped, not copied); readers see the old blob or the new one.</summary>
    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        PutAsync(key, content, conditions: null, cancellationToken);

    public Task<bool> TryCreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        PutAsync(key, content, IfAbsent, cancellationToken);

    public Task<bool> TryReplaceAsync(string key, ReadOnlyMemory<byte> content, string version, CancellationToken cancellationToken) =>
        PutAsync(key, content, new BlobRequestConditions { IfMatch = new ETag(version) }, cancellationToken);

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        (await GetVersionedAsync(key, cancellationToken))?.Content;

    /// <summary>Downloads a blob into one array of its exact length, with its ETag, or null if there is none.</summary>
    public Task<VersionedObject?> GetVersionedAsync(string key, CancellationToken cancellationToken) =>
        RunAsync(
            async () =>
            {
                try
                {
                    var response = await container.GetBlobClient(key).DownloadStreamingAsync(cancellationToken: cancellationToken);
                    using var result = response.Value;
                    var length = result.Details.ContentLength;
                    if (length > Array.MaxLength)
                    {
                        throw new JugStoreException($"The blob '{key}' in {displayName} is {length} bytes, too large to read into memory.");
                    }

                    var content = new byte[length];
                    await result.Content.ReadExactlyAsync(content, cancellationToken);
                    return new VersionedObject(content, result.Details.ETag.ToString());
                }
                catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
                {
                    return null;
                }
            },
            cancellationToken);

    /// <summary>Whether a blob exists. Not the SDK's ExistsAsync: that also answers false for a missing container.</summary>
    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        RunAsync(
            async () =>
            {
                try
                {
                    await container.GetBlobClient(key).GetPropertiesAsync(cancellationToken: cancellationToken);
                    return true;
                }
                catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
                {
                    return false;
                }
            },
            cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) =>
        DeleteAsync(key, conditions: null, cancellationToken);

    public Task<bool> TryDeleteAsync(string key, string version, CancellationToken cancellationToken) =>
        DeleteAsync(key, new BlobRequestConditions { IfMatch = new ETag(version) }, cancellationToken);

    /// <summary>
    /// Every blob name under <paramref name="prefix"/>, page by page. Each page is its own request from
    /// the previous page's continuation token, so a page that failed is asked for again; an SDK
    /// enumerator that threw would end instead, cutting the listing short.
    /// </summary>
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var page = await RunAsync(
                async () =>
                {
                    await using var pages = container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken)
                        .AsPages(continuation).GetAsyncEnumerator(cancellationToken);
                    return await pages.MoveNextAsync() ? pages.Current : null;
                },
                cancellationToken);
            if (page is null)
            {
                yield break;
            }

            foreach (var item in page.Values)
            {
                yield return item.Name;
            }

            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));
    }

    /// <summary>An upload; with <paramref name="conditions"/>, false if they do not hold.</summary>
    private Task<bool> PutAsync(string name, ReadOnlyMemory<byte> content, BlobRequestConditions? conditions, CancellationToken cancellationToken) =>
        RunAsync(
            async () =>
            {
                try
                {
                    await container.GetBlobClient(name).UploadAsync(
                        BinaryData.FromBytes(content),
                        new BlobUploadOptions { Conditions = conditions },
                        cancellationToken);
                    return true;
                }
                catch (RequestFailedException e) when (conditions is not null && IsConditionFailure(e))
                {
                    return false;
                }
            },
            cancellationToken);

    /// <summary>A delete; false if the blob was not there or the conditions do not hold.</summary>
    private Task<bool> DeleteAsync(string name, BlobRequestConditions? conditions, CancellationToken cancellationToken) =>
        RunAsync(
            async () =>
            {
                try
                {
                    return (await container.GetBlobClient(name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, conditions, cancellationToken)).Value;
                }
                catch (RequestFailedException e) when (IsConditionFailure(e))
                {
                    return false;
                }
            },
            cancellationToken);

    private static bool IsConditionFailure(RequestFailedException e) =>
        e.Status is 409 or 412 || e.ErrorCode == BlobErrorCode.BlobAlreadyExists || e.ErrorCode == BlobErrorCode.ConditionNotMet;

    /// <summary>
    /// An outage rather than a refusal: no response at all (refused, reset, cut off) or a 5xx (the
    /// service starting or overloaded). A missing container or blob and a condition that does not hold are not.
    /// </summary>
    private static bool IsOutage(Exception e) => e switch
    {
        RequestFailedException { Status: >= 500 } => true,
        RequestFailedException { Status: > 0 } => false,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsOutage),
        _ => OutageRetry.IsConnectionFailure(e),
    };

    private async Task<T> RunAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.RunAsync(operation, cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            throw new JugStoreException($"The Azure Blob store {displayName} names the container '{container.Name}', which does not exist.", e);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException or IOException)
        {
            throw new JugStoreException($"The Azure Blob store {displayName} failed: {FirstLine(e.Message)}", e);
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
