namespace Jug.Cloud.Storage;

/// <summary>
/// Live status of the processes working on a store: each writes its own record every few seconds and
/// removes it when it stops; readers show the ones not expired. A record is live state, not history:
/// it is never part of a snapshot or a copy of the store.
/// </summary>
public interface IWorkerStatusStore
{
    /// <summary>Creates or replaces the record of <see cref="WorkerStatus.Worker"/> (one record per worker name).</summary>
    /// <exception cref="ArgumentException">The worker name is empty.</exception>
    ValueTask PutWorkerStatusAsync(WorkerStatus status, CancellationToken cancellationToken = default);

    /// <summary>Removes the record of <paramref name="worker"/>; true if it was there.</summary>
    /// <exception cref="ArgumentException">The worker name is empty.</exception>
    ValueTask<bool> RemoveWorkerStatusAsync(string worker, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every record, in no particular order, expired ones included, except those expired longer than
    /// <see cref="WorkerStatus.ListedAfterExpiry"/> ago (by the store's clock), which a provider drops.
    /// A record that does not verify is left out, never returned and never thrown.
    /// </summary>
    IAsyncEnumerable<WorkerStatus> ListWorkerStatusesAsync(CancellationToken cancellationToken = default);
}

/// <summary>What one worker (an <c>execute</c> process or a silo's pool) is doing, as it last wrote it.</summary>
/// <param name="Worker">The worker's name, free text (<c>host:pid</c>, <c>silo-1/run@2</c>); the record's identity.</param>
/// <param name="Host">The machine it runs on.</param>
/// <param name="ProcessId">Its process id on that machine.</param>
/// <param name="Started">When the worker started.</param>
/// <param name="Updated">When it wrote this record.</param>
/// <param name="ExpiresAt">When the record goes stale unless written again: a worker past it has stopped writing (died or hung).</param>
/// <param name="Slots">How many tasks it can run at once.</param>
/// <param name="Tags">The placement tags it serves.</param>
/// <param name="Running">The tasks its slots are running, each with when it started.</param>
/// <param name="TasksDone">How many tasks it has finished since it started.</param>
/// <param name="StoreReads">How many results it has read from the store since it started.</param>
/// <remarks>Two records are equal when every field is, the lists compared item by item.</remarks>
public sealed record WorkerStatus(
    string Worker,
    string Host,
    int ProcessId,
    DateTimeOffset Started,
    DateTimeOffset Updated,
    DateTimeOffset ExpiresAt,
    int Slots,
    IReadOnlyList<string> Tags,
    IReadOnlyList<WorkerTask> Running,
    long TasksDone,
    long StoreReads)
{
    /// <summary>
    /// How long a record stays listed after it expired, so readers can show a worker that stopped
    /// writing as lost for a while; after that stores drop it (Redis lets the key expire, the others
    /// delete it when listing).
    /// </summary>
    public static TimeSpan ListedAfterExpiry { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether the record is stale at <paramref name="now"/>: the worker has stopped writing it.</summary>
    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>Whether the record is no longer listed at <paramref name="now"/> (expired longer than <see cref="ListedAfterExpiry"/>).</summary>
    public bool IsGone(DateTimeOffset now) => now >= ExpiresAt + ListedAfterExpiry;

    /// <inheritdoc />
    public bool Equals(WorkerStatus? other) =>
        other is not null
        && Worker == other.Worker
        && Host == other.Host
        && ProcessId == other.ProcessId
        && Started == other.Started
        && Updated == other.Updated
        && ExpiresAt == other.ExpiresAt
        && Slots == other.Slots
        && TasksDone == other.TasksDone
        && StoreReads == other.StoreReads
        && Tags.SequenceEqual(other.Tags)
        && Running.SequenceEqual(other.Running);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Worker, Updated, TasksDone);
}

/// <summary>A task a worker's slot is running.</summary>
/// <param name="Key">The task.</param>
/// <param name="TaskName">Its name (<c>Namespace.Type.Method</c>).</param>
/// <param name="Started">When the slot started it.</param>
public sealed record WorkerTask(TaskHash Key, string TaskName, DateTimeOffset Started);
