namespace Jug.Cloud.Runtime.Workers;

/// <summary>
/// Whether a pool starts no more tasks, shared by its parts: set when the pool is stopped, when the
/// dispatcher answers a report with "stopping", or when reports cannot reach the run any more; and
/// whether the pool drains (it leaves the run, handing back what it has not started).
/// </summary>
internal sealed class PoolStopSignal
{
    private volatile bool _stopping;
    private volatile bool _reportFailed;
    private volatile bool _draining;

    /// <summary>Start no task not started yet; running ones finish and are stored.</summary>
    public bool Stopping => _stopping;

    /// <summary>A report could not reach the run: fetch nothing more either.</summary>
    public bool ReportFailed => _reportFailed;

    /// <summary>The pool leaves the run: tasks it fetches from now on go straight back to the dispatcher.</summary>
    public bool Draining => _draining;

    /// <summary>Starts no more tasks, and hands back what arrives.</summary>
    public void Drain()
    {
        _stopping = true;
        _draining = true;
    }

    /// <summary>Starts no more tasks.</summary>
    public void Stop() => _stopping = true;

    /// <summary>Reports cannot reach the run: stop, and stop fetching.</summary>
    public void StopAfterFailedReport()
    {
        _stopping = true;
        _reportFailed = true;
    }
}
