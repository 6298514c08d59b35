using System.Runtime.InteropServices;
using Jug.Cloud.Runtime.Monitoring;

namespace Jug.Cloud.Runtime.Grains.Dispatching;

/// <summary>
/// Which worker holds which task since when, and which tasks were handed out again after their
/// worker went silent. Only such a reissued task can be reported twice or be queued after it settled,
/// so only these are remembered: a million-task run keeps no set of every settled task.
/// </summary>
internal sealed class LeaseTable
{
    private readonly Dictionary<TaskHash, Lease> _leases = [];

    /// <summary>Reissued tasks, and whether a report settled them since.</summary>
    private readonly Dictionary<TaskHash, bool> _reissued = [];

    /// <summary>Tasks handed out and not reported.</summary>
    public int Count => _leases.Count;

    /// <summary>The task may be handed out: nobody holds it and it was not settled after being reissued.</summary>
    public bool IsFree(TaskHash hash) => !_leases.ContainsKey(hash) && !_reissued.GetValueOrDefault(hash);

    /// <summary>Whether <paramref name="hash"/> was handed out before to a worker that went silent or handed it back.</summary>
    public bool WasReissued(TaskHash hash) => _reissued.ContainsKey(hash);

    /// <summary>Records that <paramref name="worker"/> holds <paramref name="hash"/> from <paramref name="since"/>.</summary>
    public void Grant(TaskHash hash, string worker, DateTime since) => _leases[hash] = new Lease(worker, since);

    /// <summary>Who holds <paramref name="hash"/>, if anyone does.</summary>
    public bool TryGet(TaskHash hash, out Lease lease) => _leases.TryGetValue(hash, out lease);

    /// <summary>Every lease, for monitors; <paramref name="perWorker"/> gets how many each worker holds.</summary>
    public LeaseView[] Views(Dictionary<string, int> perWorker)
    {
        var views = new LeaseView[_leases.Count];
        var i = 0;
        foreach (var (hash, lease) in _leases)
        {
            views[i++] = new LeaseView(hash, lease.Worker, new DateTimeOffset(lease.Since, TimeSpan.Zero));
            perWorker[lease.Worker] = perWorker.GetValueOrDefault(lease.Worker) + 1;
        }

        return views;
    }

    /// <summary>
    /// A report of <paramref name="hash"/> arrived: its lease ends. False if the report comes too late
    /// to count, because the task was reissued and a report settled it already.
    /// </summary>
    public bool EndByReport(TaskHash hash)
    {
        _leases.Remove(hash);
        return !_reissued.GetValueOrDefault(hash);
    }

    /// <summary>The task is done or failed for good; a later report of a reissued copy is ignored.</summary>
    public void Settled(TaskHash hash)
    {
        ref var settled = ref CollectionsMarshal.GetValueRefOrNullRef(_reissued, hash);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref settled))
        {
            settled = true;
        }
    }

    /// <summary>
    /// <paramref name="hash"/> was handed back unstarted and goes into the queue again: remembered as
    /// reissued, so that once it is settled no copy of it left in the queue is handed out again.
    /// </summary>
    public void HandedBack(TaskHash hash) => _reissued.TryAdd(hash, false);

    /// <summary>
    /// <paramref name="worker"/> hands back <paramref name="tasks"/> (it is leaving): ends the leases it
    /// holds among them and returns those tasks, remembered as reissued (a task it was still running
    /// may yet be reported once), for the caller to queue again. Tasks it does not hold are skipped.
    /// </summary>
    public List<TaskHash> Release(string worker, TaskHash[] tasks)
    {
        var released = new List<TaskHash>(tasks.Length);
        foreach (var hash in tasks)
        {
            if (_leases.TryGetValue(hash, out var lease) && string.Equals(lease.Worker, worker, StringComparison.Ordinal))
            {
                _leases.Remove(hash);
                _reissued.TryAdd(hash, false);
                released.Add(hash);
            }
        }

        return released;
    }

    /// <summary>
    /// Ends the leases of <paramref name="silentWorkers"/> and returns their tasks, remembered as
    /// reissued, for the caller to queue again.
    /// </summary>
    public List<TaskHash> Reissue(IReadOnlySet<string> silentWorkers)
    {
        var orphans = new List<TaskHash>();
        foreach (var (hash, lease) in _leases)
        {
            if (silentWorkers.Contains(lease.Worker))
            {
                orphans.Add(hash);
            }
        }

        foreach (var hash in orphans)
        {
            _leases.Remove(hash);
            _reissued.TryAdd(hash, false);
        }

        return orphans;
    }
}
