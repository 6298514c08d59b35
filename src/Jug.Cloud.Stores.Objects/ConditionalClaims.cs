using System.Runtime.CompilerServices;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Objects;

/// <summary>
/// Claims as objects <c>claims/&lt;hash&gt;</c> holding the owner and expiry as JSON, changed only by
/// conditional requests: created only if absent (<c>If-None-Match: *</c>), taken over, renewed and
/// released only at the version read (<c>If-Match</c>). Each step is atomic on the server, so of several
/// racers exactly one succeeds, and an owner whose claim was taken over can neither renew nor release
/// it. Expiry is judged by the store's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ConditionalClaims(IConditionalObjectBackend objects, ObjectLayout layout, TimeProvider time) : IClaimStore
{
    public async ValueTask<bool> TryClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var name = layout.Claim(key);
        if (await objects.TryCreateAsync(name, Content(owner, timeToLive), cancellationToken))
        {
            return true;
        }

        var current = await objects.GetVersionedAsync(name, cancellationToken);
        if (current is null)
        {
            // Released between our create and our read: one more create decides.
            return await objects.TryCreateAsync(name, Content(owner, timeToLive), cancellationToken);
        }

        var claim = ClaimJson.Read(key, current.Content);
        if (claim is not null && claim.ExpiresAt > time.GetUtcNow() && claim.Owner != owner)
        {
            return false;
        }

        // Ours (re-claiming renews), expired, or unreadable: replace exactly the version we judged.
        return await objects.TryReplaceAsync(name, Content(owner, timeToLive), current.Version, cancellationToken);
    }

    public async ValueTask<bool> RenewClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var name = layout.Claim(key);
        var current = await objects.GetVersionedAsync(name, cancellationToken);
        return current is not null
            && ClaimJson.Read(key, current.Content)?.Owner == owner
            && await objects.TryReplaceAsync(name, Content(owner, timeToLive), current.Version, cancellationToken);
    }

    public async ValueTask<bool> ReleaseClaimAsync(TaskHash key, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var name = layout.Claim(key);
        var current = await objects.GetVersionedAsync(name, cancellationToken);
        return current is not null
            && ClaimJson.Read(key, current.Content)?.Owner == owner
            && await objects.TryDeleteAsync(name, current.Version, cancellationToken);
    }

    public async ValueTask<bool> BreakClaimAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        await objects.DeleteAsync(layout.Claim(key), cancellationToken);

    public async IAsyncEnumerable<ClaimInfo> ListClaimsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var name in objects.ListAsync(layout.Claims, cancellationToken))
        {
            if (ObjectLayout.TryParse(name, layout.Claims, out var key)
                && ClaimJson.Read(key, await objects.GetAsync(name, cancellationToken)) is { } claim)
            {
                yield return claim;
            }
        }
    }

    private byte[] Content(string owner, TimeSpan timeToLive) => ClaimJson.Write(owner, time.GetUtcNow() + timeToLive);
}
