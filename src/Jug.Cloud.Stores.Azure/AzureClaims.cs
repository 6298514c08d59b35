using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs.Models;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Azure;

/// <summary>
/// Claims as blobs <c>claims/&lt;hash&gt;</c> holding the owner and expiry as JSON, changed only by
/// conditional requests: created with <c>If-None-Match: *</c>, taken over, renewed and released with
/// <c>If-Match: &lt;ETag read&gt;</c>. Each step is atomic on the server, so of several racers exactly
/// one succeeds, and an owner whose claim was taken over can neither renew nor release it.
/// Expiry is judged by the store's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class AzureClaims(AzureBlobs blobs, string folder, TimeProvider time)
{
    public async Task<bool> TryClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var name = Name(key);
        if (await blobs.PutAsync(name, Serialize(owner, timeToLive), AzureBlobs.IfAbsent, cancellationToken))
        {
            return true;
        }

        var current = await blobs.GetAsync(name, cancellationToken);
        if (current is null)
        {
            // Released between our create and our read: one more create decides.
            return await blobs.PutAsync(name, Serialize(owner, timeToLive), AzureBlobs.IfAbsent, cancellationToken);
        }

        var claim = Deserialize(key, current.Content);
        if (claim is not null && claim.ExpiresAt > time.GetUtcNow() && claim.Owner != owner)
        {
            return false;
        }

        // Ours (re-claiming renews), expired, or unreadable: replace exactly the version we judged.
        return await blobs.PutAsync(name, Serialize(owner, timeToLive), new BlobRequestConditions { IfMatch = current.ETag }, cancellationToken);
    }

    public async Task<bool> RenewAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var current = await blobs.GetAsync(Name(key), cancellationToken);
        return current is not null
            && Deserialize(key, current.Content)?.Owner == owner
            && await blobs.PutAsync(Name(key), Serialize(owner, timeToLive), new BlobRequestConditions { IfMatch = current.ETag }, cancellationToken);
    }

    public async Task<bool> ReleaseAsync(TaskHash key, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var current = await blobs.GetAsync(Name(key), cancellationToken);
        return current is not null
            && Deserialize(key, current.Content)?.Owner == owner
            && await blobs.DeleteAsync(Name(key), current.ETag, cancellationToken);
    }

    public Task<bool> BreakAsync(TaskHash key, CancellationToken cancellationToken) =>
        blobs.DeleteAsync(Name(key), ifMatch: null, cancellationToken);

    public async IAsyncEnumerable<ClaimInfo> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var name in blobs.ListAsync(folder, cancellationToken))
        {
            if (AzureLayout.TryParse(name, folder, out var key)
                && await blobs.GetAsync(name, cancellationToken) is { } current
                && Deserialize(key, current.Content) is { } claim)
            {
                yield return claim;
            }
        }
    }

    private string Name(TaskHash key) => folder + key;

    private byte[] Serialize(string owner, TimeSpan timeToLive) =>
        JsonSerializer.SerializeToUtf8Bytes(new ClaimBlob(owner, time.GetUtcNow() + timeToLive), AzureClaimJson.Default.ClaimBlob);

    private static ClaimInfo? Deserialize(TaskHash key, byte[] bytes)
    {
        try
        {
            var claim = JsonSerializer.Deserialize(bytes, AzureClaimJson.Default.ClaimBlob);
            return claim?.Owner is null ? null : new ClaimInfo(key, claim.Owner, claim.ExpiresAt);
        }
        catch (JsonException)
        {
            return null;
        }
    }

}

/// <summary>The claim's JSON form.</summary>
internal sealed record ClaimBlob(string Owner, DateTimeOffset ExpiresAt);

/// <summary>Source-generated JSON for claims: no reflection, so trimmed and file-based apps can use the store.</summary>
[JsonSerializable(typeof(ClaimBlob))]
internal sealed partial class AzureClaimJson : JsonSerializerContext;
