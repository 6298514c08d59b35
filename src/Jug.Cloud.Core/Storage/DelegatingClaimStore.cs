namespace Jug.Cloud.Storage;

/// <summary>
/// The claim half of a store whose claims are a part of their own (Lua scripts, lock files,
/// conditional objects): a store derives from this and names its <see cref="Claims"/>, so the
/// forwarding of <see cref="IClaimStore"/> is written once rather than in every provider.
/// </summary>
public abstract class DelegatingClaimStore : IClaimStore
{
    /// <summary>The part that keeps this store's claims.</summary>
    protected abstract IClaimStore Claims { get; }

    /// <inheritdoc />
    public ValueTask<bool> TryClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        Claims.TryClaimAsync(key, owner, timeToLive, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> RenewClaimAsync(TaskHash key, string owner, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        Claims.RenewClaimAsync(key, owner, timeToLive, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> ReleaseClaimAsync(TaskHash key, string owner, CancellationToken cancellationToken = default) =>
        Claims.ReleaseClaimAsync(key, owner, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> BreakClaimAsync(TaskHash key, CancellationToken cancellationToken = default) =>
        Claims.BreakClaimAsync(key, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ClaimInfo> ListClaimsAsync(CancellationToken cancellationToken = default) =>
        Claims.ListClaimsAsync(cancellationToken);
}
