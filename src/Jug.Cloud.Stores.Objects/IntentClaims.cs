using System.Runtime.CompilerServices;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Objects;

/// <summary>
/// Claims as objects <c>claims/&lt;hash&gt;</c> holding the owner and expiry as JSON, for services whose
/// writes cannot refuse to overwrite (s3rver and several S3-compatible servers ignore conditional
/// writes). Taking an absent or expired claim must be exclusive, so it goes through a <i>splitter</i>:
/// </summary>
/// <remarks>
/// <para>
/// A taker writes an intent object <c>claim-intents/&lt;hash&gt;/&lt;id&gt;</c>, then lists that folder.
/// If it sees another live intent it withdraws (deletes its own) and answers false; otherwise it reads
/// the claim again and, if still absent or expired, writes it, and only then withdraws its intent.
/// With strong read-after-write and list-after-write consistency (S3's), of two overlapping takers the
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
internal sealed class IntentClaims(IObjectBackend objects, ObjectLayout layout, TimeProvider time) : IClaimStore
{
    /// <summary>How long an intent stays live: far longer than the few requests a taker makes.</summary>
    public static readonly TimeSpan IntentLifetime = TimeSpan.FromSeconds(30);

    public async ValueTask<bool> TryClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default)
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

    public async ValueTask<bool> RenewClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default)
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

    public async ValueTask<bool> ReleaseClaimAsync(TaskHash key, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if ((await ReadAsync(key, cancellationToken))?.Owner != owner)
        {
            return false;
        }

        await objects.DeleteQuietlyAsync(layout.Claim(key), cancellationToken);
        return true;
    }

    public async ValueTask<bool> BreakClaimAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        await objects.DeleteAsync(layout.Claim(key), cancellationToken);

    public async IAsyncEnumerable<ClaimInfo> ListClaimsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var objectKey in objects.ListAsync(layout.Claims, cancellationToken))
        {
            if (ObjectLayout.TryParse(objectKey, layout.Claims, out var key) && await ReadAsync(key, cancellationToken) is { } claim)
            {
                yield return claim;
            }
        }
    }

    private async Task<bool> TakeExclusivelyAsync(TaskHash key, string owner, TimeSpan timeToLive, bool mustOwn, CancellationToken cancellationToken)
    {
        var folder = layout.Intents(key);
        var intent = folder + Guid.NewGuid().ToString("n");
        await objects.PutAsync(intent, ClaimJson.Write(owner, time.GetUtcNow() + IntentLifetime), cancellationToken);
        try
        {
            await foreach (var other in objects.ListAsync(folder, cancellationToken))
            {
                if (other == intent)
                {
                    continue;
                }

                var seen = ClaimJson.Read(key, await objects.GetAsync(other, cancellationToken));
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
        await objects.PutAsync(layout.Claim(key), ClaimJson.Write(owner, time.GetUtcNow() + timeToLive), cancellationToken);
        return true;
    }

    private async Task<ClaimInfo?> ReadAsync(TaskHash key, CancellationToken cancellationToken) =>
        ClaimJson.Read(key, await objects.GetAsync(layout.Claim(key), cancellationToken));
}
