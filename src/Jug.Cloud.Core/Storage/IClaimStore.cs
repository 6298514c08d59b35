namespace Jug.Cloud.Storage;

/// <summary>
/// Claims (Jug's locks) with an owner token and an expiry: created only if absent, renewed and
/// released only by their owner. An expired claim may be taken by anyone.
/// </summary>
public interface IClaimStore
{
    /// <summary>Takes the claim on <paramref name="key"/> for <paramref name="owner"/> unless someone else holds an unexpired one.</summary>
    ValueTask<bool> TryClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Extends a claim <paramref name="owner"/> holds; false if it is no longer theirs.</summary>
    ValueTask<bool> RenewClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Releases a claim <paramref name="owner"/> holds; false if it was not theirs.</summary>
    ValueTask<bool> ReleaseClaimAsync(TaskHash key, string owner, CancellationToken cancellationToken = default);

    /// <summary>Removes a claim whoever holds it (cleanup); true if one was there.</summary>
    ValueTask<bool> BreakClaimAsync(TaskHash key, CancellationToken cancellationToken = default);

    /// <summary>Every claim, expired or not.</summary>
    IAsyncEnumerable<ClaimInfo> ListClaimsAsync(CancellationToken cancellationToken = default);
}

/// <summary>One claim: who holds it and until when.</summary>
/// <param name="Key">The task claimed.</param>
/// <param name="Owner">The owner token given when it was taken.</param>
/// <param name="ExpiresAt">When it lapses unless renewed.</param>
public sealed record ClaimInfo(TaskHash Key, string Owner, DateTimeOffset ExpiresAt);
