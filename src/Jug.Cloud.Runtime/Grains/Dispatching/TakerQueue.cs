using Jug.Cloud.Runtime.Contracts;

namespace Jug.Cloud.Runtime.Grains.Dispatching;

/// <summary>
/// Workers long-polling for tasks while none is queued for them, in the order they asked. Served
/// whenever tasks are queued; each waits until served, withdrawn (its poll window passed) or ended.
/// </summary>
internal sealed class TakerQueue
{
    private readonly List<Taker> _takers = [];

    /// <summary>Takers waiting.</summary>
    public int Count => _takers.Count;

    /// <summary>Adds a taker; its <see cref="Taker.Result"/> completes when it is served or ended.</summary>
    public Taker Wait(string worker, int max, string[] tags)
    {
        var taker = new Taker(worker, max, tags);
        _takers.Add(taker);
        return taker;
    }

    /// <summary>The taker stops waiting (its window passed) and gets <paramref name="answer"/>, unless it was served meanwhile.</summary>
    public void Withdraw(Taker taker, ReadyBatch answer)
    {
        _takers.Remove(taker);
        taker.Result.TrySetResult(answer);
    }

    /// <summary>
    /// Shares what <paramref name="source"/> has among the waiting takers rather than filling the first
    /// one; a taker that may run none of what is queued (tagged for others, or theirs until the
    /// patience) waits on. A taker whose worker is no longer alive (<paramref name="isAlive"/>: it
    /// went silent past the lease timeout while its long poll waited) is answered empty and served
    /// nothing: its worker may be dead, and a lease granted to a worker already expired would never
    /// expire again, so the run would wait for that task for ever. A live worker just asks again.
    /// </summary>
    public void Serve(IReadyTaskSource source, Func<string, bool>? isAlive = null)
    {
        for (var i = 0; i < _takers.Count && source.Queued > 0;)
        {
            var taker = _takers[i];
            if (isAlive is not null && !isAlive(taker.Worker))
            {
                _takers.RemoveAt(i);
                taker.Result.TrySetResult(ReadyBatch.Empty);
                continue;
            }

            var share = Math.Max(1, source.Queued / (_takers.Count - i));
            var batch = source.Take(taker.Worker, taker.Tags, Math.Min(taker.Max, share));
            if (batch.Tasks.Length > 0)
            {
                _takers.RemoveAt(i);
                taker.Result.TrySetResult(batch);
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>The run is over: every taker hears so.</summary>
    public void EndAll()
    {
        foreach (var taker in _takers)
        {
            taker.Result.TrySetResult(ReadyBatch.End);
        }

        _takers.Clear();
    }
}
