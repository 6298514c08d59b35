namespace Jug.Cloud.Runtime.Workers;

/// <summary>
/// Bounds the results that are finished but not yet stored. Slots wait while the commit loop is behind,
/// so a slow store holds back new work instead of letting finished results pile up in memory — where a
/// killed process would also lose them. One result always gets in, however large.
/// </summary>
/// <param name="maxResults">Results that may wait at most.</param>
/// <param name="maxBytes">Encoded bytes that may wait at most.</param>
public sealed class CommitBacklog(int maxResults, long maxBytes)
{
    // A monitor, not a Lock: slots wait on it and the commit loop pulses it.
    private readonly object _gate = new();
    private int _results;
    private long _bytes;

    /// <summary>Results waiting to be stored.</summary>
    public int Results
    {
        get
        {
            lock (_gate)
            {
                return _results;
            }
        }
    }

    /// <summary>A slot finished a result of <paramref name="bytes"/> encoded bytes and queued it for the commit loop.</summary>
    public void Added(long bytes)
    {
        lock (_gate)
        {
            _results++;
            _bytes += bytes;
        }
    }

    /// <summary>The commit loop is done with <paramref name="results"/> results of <paramref name="bytes"/> bytes in all.</summary>
    public void Committed(int results, long bytes)
    {
        lock (_gate)
        {
            _results -= results;
            _bytes -= bytes;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Blocks the calling slot thread until the backlog is under both limits.</summary>
    public void WaitForRoom()
    {
        lock (_gate)
        {
            while (_results > 0 && (_results >= maxResults || _bytes >= maxBytes))
            {
                Monitor.Wait(_gate);
            }
        }
    }
}
