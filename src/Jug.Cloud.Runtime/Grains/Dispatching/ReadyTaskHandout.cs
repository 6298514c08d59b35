using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Monitoring;

namespace Jug.Cloud.Runtime.Grains.Dispatching;

/// <summary>
/// Queues ready tasks where they should run (<see cref="ReadyQueues"/>: by tag, next to a large input,
/// or shared) and hands them out as leases: a task leased, or settled after it was reissued, is skipped;
/// each handed-out task carries the attempt it is on.
/// </summary>
internal sealed class ReadyTaskHandout : IReadyTaskSource
{
    /// <summary>Results at least this large are worth running their dependents where they are cached.</summary>
    public const long LocalityMinBytes = 1 << 20;

    private readonly ReadyQueues _queue = new();
    private readonly Dictionary<TaskHash, string> _holders = [];
    private readonly LeaseTable _leases;
    private readonly WorkerLiveness _workers;
    private readonly RetrySchedule _retries;

    // Made once: ReadyQueues takes them per batch.
    private readonly Func<TaskHash, bool> _isFree;
    private readonly Func<string, bool> _isAlive;

    public ReadyTaskHandout(LeaseTable leases, WorkerLiveness workers, RetrySchedule retries)
    {
        _leases = leases;
        _workers = workers;
        _retries = retries;
        _isFree = leases.IsFree;
        _isAlive = workers.IsAlive;
    }

    /// <summary>The run's settings (shuffling, input locality, patience).</summary>
    public RunSettings Settings { get; set; } = new(1, false);

    /// <inheritdoc />
    public int Queued => _queue.Count;

    /// <summary>Tasks per non-empty queue, for monitors.</summary>
    public QueueDepth[] Depths() => _queue.Depths();

    /// <summary>Records where tasks should run (before they become ready).</summary>
    public void Place(PlacementHint[] hints) => _queue.Place(hints);

    /// <summary>
    /// Queues tasks that became ready; <paramref name="via"/> (parallel, or null) names the dependency
    /// that made each ready, whose worker gets it first if that result is large and cached there.
    /// </summary>
    public void Add(TaskHash[] ready, TaskHash[]? via, DateTime now)
    {
        if (via is not null && Settings.InputLocality && _holders.Count > 0)
        {
            for (var i = 0; i < ready.Length; i++)
            {
                _queue.Add(ready[i], now, _holders.GetValueOrDefault(via[i]));
            }

            return;
        }

        if (Settings.Shuffle && ready.Length > 1)
        {
            ready = [.. ready];
            Random.Shared.Shuffle(ready);
        }

        foreach (var hash in ready)
        {
            _queue.Add(hash, now);
        }
    }

    /// <summary>Queues one task again (due for a retry).</summary>
    public void Add(TaskHash hash, DateTime now) => _queue.Add(hash, now);

    /// <summary>
    /// A worker reported <paramref name="hash"/> not started: queued again, and remembered as reissued
    /// so that once it is settled no copy of it left in the queue is handed out again.
    /// </summary>
    public void HandBackUnstarted(TaskHash hash, DateTime now)
    {
        _leases.HandedBack(hash);
        _queue.Add(hash, now);
    }

    /// <summary>
    /// <paramref name="worker"/> hands back <paramref name="tasks"/> it holds (it is leaving): they are
    /// queued again at once, on the attempt they were handed out with, since none of them failed.
    /// The worker no longer counts as alive, so tasks placed for it (input locality, a preferred tag)
    /// go to others now rather than after the patience. Returns how many tasks it held.
    /// </summary>
    public int Release(string worker, TaskHash[] tasks, DateTime now)
    {
        _workers.Forget(worker);
        var released = _leases.Release(worker, tasks);
        foreach (var hash in released)
        {
            _queue.Add(hash, now);
        }

        return released.Count;
    }

    /// <summary>Queues again the tasks of <paramref name="silentWorkers"/>, whose leases end (<see cref="LeaseTable.Reissue"/>).</summary>
    public void Reissue(IReadOnlySet<string> silentWorkers, DateTime now)
    {
        foreach (var hash in _leases.Reissue(silentWorkers))
        {
            _queue.Add(hash, now);
        }
    }

    /// <summary><paramref name="worker"/> stored <paramref name="hash"/>'s result of <paramref name="bytes"/> and caches it.</summary>
    public void Stored(TaskHash hash, string worker, long bytes)
    {
        if (bytes >= LocalityMinBytes)
        {
            _holders[hash] = worker;
        }
    }

    /// <inheritdoc />
    public ReadyBatch Take(string worker, string[] tags, int max)
    {
        // One clock reading per batch: it is the patience's reference and every lease's start.
        var now = DateTime.UtcNow;
        var batch = _queue.Take(worker, tags, max, _isFree, now, Settings.PreferPatience, _isAlive);
        var tasks = new TaskHash[batch.Count];
        var attempts = new int[batch.Count];
        bool[]? reissued = null;
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = batch[i];
            if (_leases.WasReissued(tasks[i]))
            {
                (reissued ??= new bool[tasks.Length])[i] = true;
            }

            _leases.Grant(tasks[i], worker, now);
            attempts[i] = _retries.NextAttempt(tasks[i]);
        }

        return new ReadyBatch(tasks, attempts, false, reissued);
    }

    /// <summary>Required tags with tasks waiting that no live worker has.</summary>
    public string[] UnservedTags(WorkerLiveness workers) => _queue.UnservedTags(workers.Serves);
}
