using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.S3;

/// <summary>
/// Claims as objects <c>claims/&lt;hash&gt;</c> holding the owner and expiry as JSON. Taking an absent or
/// expired claim must be exclusive, and plain PUTs cannot refuse to overwrite (s3rver and several
/// S3-compatible servers ignore conditional writes), so taking one goes through a <i>splitter</i>:
/// </summary>
/// <remarks>
/// <para>
/// A taker writes an intent object <c>claim-intents/&lt;hash&gt;/&lt;id&gt;</c>, then lists that folder.
/// If it sees another live intent it withdraws (deletes its own) and answers false; otherwise it reads
/// the claim again and, if still absent or expired, writes it, and only then withdraws its intent.
/// With S3's strong read-after-write and list-after-write consistency, of two overlapping takers the
/// later one to list sees the earlier one's intent, and a taker that starts after another has
/// withdrawn sees its claim: at most one takes it. Both may back off (each answers false and tries
/// again later); neither wins twice.
/// </para>
/// <para>
/// Limits: an intent counts as live for <see cref="IntentLifetime"/> (so a taker that died mid-way does
/// not block the key for ever); a taker stalled longer than that between its list and its write can
/// race. Renewing a live claim and releasing one read the owner and then write or delete, as the file
/// store does: an owner whose claim lapsed and was taken over in that instant can overwrite or remove
/// the new holder's claim. Renew well before expiry.
/// </para>
/// </remarks>
internal sealed class S3Claims(S3Objects objects, S3Layout layout, TimeProvider time)
{
    /// <summary>How long an intent stays live: far longer than the few requests a taker makes.</summary>
    public static readonly TimeSpan IntentLifetime = TimeSpan.FromSeconds(30);

    public async Task<bool> TryClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var current = await ReadAsync(key, cancellationToken);
        if (current is not null && current.ExpiresAt > time.GetUtcNow())
        {
            // Someone else's live claim refuses; the holder claiming again renews its own.
            return current.Owner == owner && await WriteAsync(key, owner, timeToLive, cancellationToken);
        }

        return await TakeExclusivelyAsync(key, owner, timeToLive, mustOwn: false, cancellationToken);
    }

    public async Task<bool> RenewAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var current = await ReadAsync(key, cancellationToken);
        if (current?.Owner != owner)
        {
            return false;
        }

        // A lapsed claim may be being taken over right now: renew it only through the splitter.
        return current.ExpiresAt > time.GetUtcNow()
            ? await WriteAsync(key, owner, timeToLive, cancellationToken)
            : await TakeExclusivelyAsync(key, owner, timeToLive, mustOwn: true, cancellationToken);
    }

    public async Task<bool> ReleaseAsync(TaskHash key, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if ((await ReadAsync(key, cancellationToken))?.Owner != owner)
        {
            return false;
        }

        await objects.DeleteQuietlyAsync(layout.Claim(key), cancellationToken);
        return true;
    }

    public Task<bool> BreakAsync(TaskHash key, CancellationToken cancellationToken) =>
        objects.DeleteAsync(layout.Claim(key), cancellationToken);

    public async IAsyncEnumerable<ClaimInfo> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var objectKey in objects.ListAsync(layout.Claims, cancellationToken))
        {
            if (S3Layout.TryParse(objectKey, layout.Claims, out var key) && await ReadAsync(key, cancellationToken) is { } claim)
            {
                yield return claim;
            }
        }
    }

    private async Task<bool> TakeExclusivelyAsync(TaskHash key, string owner, TimeSpan timeToLive, bool mustOwn, CancellationToken cancellationToken)
    {
        var folder = layout.Intents(key);
        var intent = folder + Guid.NewGuid().ToString("n");
        await objects.PutAsync(intent, Serialize(owner, time.GetUtcNow() + IntentLifetime), cancellationToken);
        try
        {
            await foreach (var other in objects.ListAsync(folder, cancellationToken))
            {
                if (other == intent)
                {
                    continue;
                }

                var seen = Deserialize(key, await objects.GetAsync(other, cancellationToken));
                if (seen is null)
                {
                    continue; // withdrawn since the listing: that taker has backed off or written the claim
                }

                if (seen.ExpiresAt > time.GetUtcNow())
                {
                    return false; // another taker is at work: back off
                }

                await objects.DeleteQuietlyAsync(other, cancellationToken); // a taker that died mid-way
            }

            var current = await ReadAsync(key, CancellationToken.None);
            var free = mustOwn ? current?.Owner == owner : current is null || current.Owner == owner || current.ExpiresAt <= time.GetUtcNow();
            return free && await WriteAsync(key, owner, timeToLive, CancellationToken.None);
        }
        finally
        {
            // Withdrawn only after the claim is written, and even if the caller gave up meanwhile.
            await objects.DeleteQuietlyAsync(intent, CancellationToken.None);
        }
    }

    private async Task<bool> WriteAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        await objects.PutAsync(layout.Claim(key), Serialize(owner, time.GetUtcNow() + timeToLive), cancellationToken);
        return true;
    }

    private async Task<ClaimInfo?> ReadAsync(TaskHash key, CancellationToken cancellationToken) =>
        Deserialize(key, await objects.GetAsync(layout.Claim(key), cancellationToken));

    private static byte[] Serialize(string owner, DateTimeOffset expiresAt) =>
        JsonSerializer.SerializeToUtf8Bytes(new ClaimObject(owner, expiresAt), S3ClaimJson.Default.ClaimObject);

    /// <summary>Null for an absent object or one that is not a claim (treated as expired by takers).</summary>
    private static ClaimInfo? Deserialize(TaskHash key, byte[]? bytes)
    {
        if (bytes is null || bytes.Length == 0)
        {
            return null;
        }

        try
        {
            var claim = JsonSerializer.Deserialize(bytes, S3ClaimJson.Default.ClaimObject);
            return claim?.Owner is null ? null : new ClaimInfo(key, claim.Owner, claim.ExpiresAt);
        }
        catch (JsonException)
        {
            return null;
        }
    }

}

/// <summary>The claim's JSON form.</summary>
internal sealed record ClaimObject(string Owner, DateTimeOffset ExpiresAt);

/// <summary>Source-generated JSON for claims: no reflection, so trimmed and file-based apps can use the store.</summary>
[JsonSerializable(typeof(ClaimObject))]
internal sealed partial class S3ClaimJson : JsonSerializerContext;
