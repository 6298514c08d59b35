namespace Jug.Cloud.Storage;

/// <summary>
/// The claims and worker-status halves of a store whose claims and worker records are parts of their
/// own (Lua scripts, lock files, conditional objects; a folder, keys or objects of records): a store
/// derives from this and names its <see cref="Claims"/> and <see cref="Workers"/>, so the forwarding
/// of <see cref="IClaimStore"/> and <see cref="IWorkerStatusStore"/> is written once rather than in
/// every provider.
/// </summary>
public abstract class DelegatingStore : IClaimStore, IWorkerStatusStore
{
    /// <summary>The part that keeps this store's claims.</summary>
    protected abstract IClaimStore Claims { get; }

    /// <summary>The part that keeps this store's worker status records.</summary>
    protected abstract IWorkerStatusStore Workers { get; }

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

    /// <inheritdoc />
    public ValueTask PutWorkerStatusAsync(WorkerStatus status, CancellationToken cancellationToken = default) =>
        Workers.PutWorkerStatusAsync(status, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> RemoveWorkerStatusAsync(string worker, CancellationToken cancellationToken = default) =>
        Workers.RemoveWorkerStatusAsync(worker, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<WorkerStatus> ListWorkerStatusesAsync(CancellationToken cancellationToken = default) =>
        Workers.ListWorkerStatusesAsync(cancellationToken);
}
