using Jug.Cloud.Runtime.Monitoring;

namespace Jug.Cloud.Runtime.Grains.Dispatching;

/// <summary>
/// The workers a dispatcher heard from: when each was last heard (a take, a report or a heartbeat)
/// and the tags of its silo. A worker silent past the lease timeout is forgotten, and its leases with it.
/// </summary>
internal sealed class WorkerLiveness
{
    private readonly Dictionary<string, DateTime> _lastSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _tags = new(StringComparer.Ordinal);

    /// <summary>Workers heard from and not expired.</summary>
    public int Count => _lastSeen.Count;

    /// <summary><paramref name="worker"/> was heard from at <paramref name="now"/> (UTC).</summary>
    public void Seen(string worker, DateTime now) => _lastSeen[worker] = now;

    /// <summary><paramref name="worker"/>, whose silo has <paramref name="tags"/>, asked for work at <paramref name="now"/>.</summary>
    public void Seen(string worker, string[] tags, DateTime now)
    {
        _lastSeen[worker] = now;
        _tags[worker] = tags;
    }

    /// <summary>The worker was heard from and has not expired.</summary>
    public bool IsAlive(string worker) => _lastSeen.ContainsKey(worker);

    /// <summary>When <paramref name="worker"/> was last heard from, if it is alive.</summary>
    public bool TryGetLastSeen(string worker, out DateTime lastSeen) => _lastSeen.TryGetValue(worker, out lastSeen);

    /// <summary>The live workers, for monitors, with how many tasks each holds (<paramref name="leased"/>).</summary>
    public WorkerView[] Views(IReadOnlyDictionary<string, int> leased)
    {
        var views = new List<WorkerView>(_lastSeen.Count);
        foreach (var (worker, seen) in _lastSeen)
        {
            views.Add(new WorkerView(worker, _tags.GetValueOrDefault(worker) ?? [], new DateTimeOffset(seen, TimeSpan.Zero), leased.GetValueOrDefault(worker)));
        }

        return [.. views.OrderBy(v => v.Worker, StringComparer.Ordinal)];
    }

    /// <summary><paramref name="worker"/> is leaving: it no longer counts as alive (nor its tags as served) until heard from again.</summary>
    public void Forget(string worker) => _lastSeen.Remove(worker);

    /// <summary>Forgets the workers last heard from before <paramref name="deadline"/> and returns them.</summary>
    public HashSet<string> Expire(DateTime deadline)
    {
        var silent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (worker, seen) in _lastSeen)
        {
            if (seen < deadline)
            {
                silent.Add(worker);
            }
        }

        foreach (var worker in silent)
        {
            _lastSeen.Remove(worker);
        }

        return silent;
    }

    /// <summary>Some live worker's silo has <paramref name="tag"/>.</summary>
    public bool Serves(string tag)
    {
        foreach (var (worker, tags) in _tags)
        {
            if (_lastSeen.ContainsKey(worker) && tags.Contains(tag, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
