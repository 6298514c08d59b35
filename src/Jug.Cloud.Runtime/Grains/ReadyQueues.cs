using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Monitoring;

namespace Jug.Cloud.Runtime.Grains;

/// <summary>
/// A run's ready tasks, by where they should run: tasks that require or prefer a silo tag wait in that
/// tag's queue; a task whose input that finished last is large and cached on one worker waits in that
/// worker's queue (Dask's rule); the rest share one queue. A worker takes from its own queues first,
/// then the shared one, then — after the patience — what waits for busy or missing others.
/// Entries may be stale (settled or leased meanwhile); the caller's filter drops them.
/// </summary>
internal sealed class ReadyQueues
{
    private readonly Queue<TaskHash> _shared = new();
    private readonly Dictionary<string, Queue<Entry>> _required = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Entry>> _preferred = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Entry>> _affine = new(StringComparer.Ordinal);
    private readonly Dictionary<TaskHash, PlacementHint> _placements = [];

    /// <summary>The most <see cref="_shared"/> has held since it was last trimmed.</summary>
    private int _sharedHighWater;

    /// <summary>Tasks queued, stale entries included.</summary>
    public int Count => _shared.Count + Sum(_required) + Sum(_preferred) + Sum(_affine);

    /// <summary>Records where tasks should run (before they become ready).</summary>
    public void Place(IEnumerable<PlacementHint> hints)
    {
        foreach (var hint in hints)
        {
            _placements[hint.Hash] = hint;
        }
    }

    /// <summary>Queues a ready task; <paramref name="affineWorker"/> holds its largest recent input, if any worker does.</summary>
    public void Add(TaskHash hash, DateTime now, string? affineWorker = null)
    {
        if (_placements.TryGetValue(hash, out var hint))
        {
            QueueOf(hint.Required ? _required : _preferred, hint.Tag).Enqueue(new Entry(hash, now));
        }
        else if (affineWorker is not null)
        {
            QueueOf(_affine, affineWorker).Enqueue(new Entry(hash, now));
        }
        else
        {
            _shared.Enqueue(hash);
            _sharedHighWater = Math.Max(_sharedHighWater, _shared.Count);
        }
    }

    /// <summary>Up to <paramref name="max"/> tasks <paramref name="worker"/> (tagged <paramref name="tags"/>) may run now.</summary>
    public List<TaskHash> Take(string worker, string[] tags, int max, Func<TaskHash, bool> usable, DateTime now, TimeSpan patience, Func<string, bool> isAlive)
    {
        var batch = new List<TaskHash>(Math.Min(max, 64));
        var waited = now - patience;
        Drain(_affine.GetValueOrDefault(worker), batch, max, usable, DateTime.MaxValue);
        foreach (var tag in tags)
        {
            Drain(_required.GetValueOrDefault(tag), batch, max, usable, DateTime.MaxValue);
            Drain(_preferred.GetValueOrDefault(tag), batch, max, usable, DateTime.MaxValue);
        }

        while (batch.Count < max && _shared.TryDequeue(out var hash))
        {
            if (usable(hash))
            {
                batch.Add(hash);
            }
        }

        if (_sharedHighWater > TrimAbove && _shared.Count < _sharedHighWater / 4)
        {
            // A million tasks ready at once grow the queue to 32 MB; give it back as the queue drains
            // instead of holding it for the rest of the run; a trim copies a quarter of what it frees at most.
            _shared.TrimExcess();
            _sharedHighWater = _shared.Count;
        }

        foreach (var (owner, queue) in _affine)
        {
            // Another worker's tasks: once they have waited the patience, or at once if it is gone.
            Drain(queue, batch, max, usable, owner == worker ? DateTime.MaxValue : isAlive(owner) ? waited : DateTime.MaxValue);
        }

        foreach (var (tag, queue) in _preferred)
        {
            if (!tags.Contains(tag, StringComparer.Ordinal))
            {
                Drain(queue, batch, max, usable, waited);
            }
        }

        return batch;
    }

    /// <summary>Required tags with tasks waiting that no live worker has.</summary>
    public string[] UnservedTags(Func<string, bool> served) =>
        [.. _required.Where(q => q.Value.Count > 0 && !served(q.Key)).Select(q => q.Key)];

    /// <summary>How many tasks each non-empty queue holds (stale entries included), for monitors.</summary>
    public QueueDepth[] Depths()
    {
        var depths = new List<QueueDepth>();
        if (_shared.Count > 0)
        {
            depths.Add(new QueueDepth(QueueKind.Shared, "", _shared.Count));
        }

        AddDepths(depths, QueueKind.Required, _required);
        AddDepths(depths, QueueKind.Preferred, _preferred);
        AddDepths(depths, QueueKind.Local, _affine);
        return [.. depths];
    }

    private const int TrimAbove = 16 * 1024;

    private static void AddDepths(List<QueueDepth> depths, QueueKind kind, Dictionary<string, Queue<Entry>> queues)
    {
        foreach (var (key, queue) in queues)
        {
            if (queue.Count > 0)
            {
                depths.Add(new QueueDepth(kind, key, queue.Count));
            }
        }
    }

    private static void Drain(Queue<Entry>? queue, List<TaskHash> batch, int max, Func<TaskHash, bool> usable, DateTime enqueuedBy)
    {
        if (queue is null)
        {
            return;
        }

        // enqueuedBy = MaxValue takes everything; otherwise only entries that have waited long enough.
        while (batch.Count < max && queue.TryPeek(out var entry) && (enqueuedBy == DateTime.MaxValue || entry.Enqueued <= enqueuedBy))
        {
            queue.Dequeue();
            if (usable(entry.Hash))
            {
                batch.Add(entry.Hash);
            }
        }
    }

    private static Queue<Entry> QueueOf(Dictionary<string, Queue<Entry>> queues, string key)
    {
        if (!queues.TryGetValue(key, out var queue))
        {
            queues[key] = queue = new Queue<Entry>();
        }

        return queue;
    }

    private static int Sum(Dictionary<string, Queue<Entry>> queues)
    {
        var sum = 0;
        foreach (var queue in queues.Values)
        {
            sum += queue.Count;
        }

        return sum;
    }

    private readonly record struct Entry(TaskHash Hash, DateTime Enqueued);
}
