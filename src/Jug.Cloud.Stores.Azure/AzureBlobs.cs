using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Azure;

/// <summary>
/// The blob operations the store needs, with "absent" as null/false and "a condition did not hold"
/// as false, and every other failure (after the SDK's own retries) as one
/// <see cref="JugStoreException"/> line naming the store.
/// </summary>
internal sealed class AzureBlobs(BlobContainerClient container, string displayName)
{
    /// <summary>Create-only: the request fails if the blob exists.</summary>
    public static readonly BlobRequestConditions IfAbsent = new() { IfNoneMatch = ETag.All };

    /// <summary>A blob's bytes and the ETag they were read at.</summary>
    public sealed record Versioned(byte[] Content, ETag ETag);

    /// <summary>
    /// Uploads <paramref name="content"/> (wrapped, not copied); readers see the old blob or the new one.
    /// With <paramref name="conditions"/>, false if they do not hold.
    /// </summary>
    public Task<bool> PutAsync(string name, ReadOnlyMemory<byte> content, BlobRequestConditions? conditions, CancellationToken cancellationToken) =>
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
            });

    /// <summary>Downloads a blob into one array of its exact length, or null if there is none.</summary>
    public Task<Versioned?> GetAsync(string name, CancellationToken cancellationToken) =>
        RunAsync(
            async () =>
            {
                try
                {
                    var response = await container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken);
                    using var result = response.Value;
                    var length = result.Details.ContentLength;
                    if (length > Array.MaxLength)
                    {
                        throw new JugStoreException($"The blob '{name}' in {displayName} is {length} bytes, too large to read into memory.");
                    }

                    var content = new byte[length];
                    await result.Content.ReadExactlyAsync(content, cancellationToken);
                    return new Versioned(content, result.Details.ETag);
                }
                catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
                {
                    return null;
                }
            });

    /// <summary>Whether a blob exists. Not the SDK's ExistsAsync: that also answers false for a missing container.</summary>
    public Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) =>
        RunAsync(
            async () =>
            {
                try
                {
                    await container.GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken);
                    return true;
                }
                catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
                {
                    return false;
                }
            });

    /// <summary>Deletes a blob; false if it was not there or (with an ETag) had changed since it was read.</summary>
    public Task<bool> DeleteAsync(string name, ETag? ifMatch, CancellationToken cancellationToken) =>
        RunAsync(
            async () =>
            {
                try
                {
                    var conditions = ifMatch is { } etag ? new BlobRequestConditions { IfMatch = etag } : null;
                    return (await container.GetBlobClient(name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, conditions, cancellationToken)).Value;
                }
                catch (RequestFailedException e) when (IsConditionFailure(e))
                {
                    return false;
                }
            });

    /// <summary>Every blob name under <paramref name="prefix"/>, page by page.</summary>
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken);
        try
        {
            while (await RunAsync(async () => await pages.MoveNextAsync()))
            {
                foreach (var item in pages.Current.Values)
                {
                    yield return item.Name;
                }
            }
        }
        finally
        {
            await pages.DisposeAsync();
        }
    }

    private static bool IsConditionFailure(RequestFailedException e) =>
        e.Status is 409 or 412 || e.ErrorCode == BlobErrorCode.BlobAlreadyExists || e.ErrorCode == BlobErrorCode.ConditionNotMet;

    private async Task<T> RunAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
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
