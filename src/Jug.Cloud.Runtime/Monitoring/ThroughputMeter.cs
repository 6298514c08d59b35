namespace Jug.Cloud.Runtime.Monitoring;

/// <summary>
/// Tasks finished and failed per ten-second interval over the last hour, in a ring: what the web
/// page's throughput chart and the metrics read. One call per reported batch, not per task.
/// </summary>
public sealed class ThroughputMeter
{
    /// <summary>The length of one interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>How many intervals are kept (an hour's worth).</summary>
    public const int Intervals = 360;

    private readonly int[] _completed = new int[Intervals];
    private readonly int[] _failed = new int[Intervals];
    private long _latest = -1;

    /// <summary>Counts <paramref name="completed"/> stored tasks and <paramref name="failed"/> failed attempts at <paramref name="now"/>.</summary>
    public void Record(DateTimeOffset now, int completed, int failed)
    {
        var slot = Advance(now);
        _completed[slot] += completed;
        _failed[slot] += failed;
    }

    /// <summary>The intervals of the last hour up to <paramref name="now"/>, oldest first.</summary>
    public ThroughputView Read(DateTimeOffset now)
    {
        Advance(now);
        var index = IndexOf(now);
        var completed = new int[Intervals];
        var failed = new int[Intervals];
        for (var i = 0; i < Intervals; i++)
        {
            var slot = Slot(index - Intervals + 1 + i);
            completed[i] = _completed[slot];
            failed[i] = _failed[slot];
        }

        var start = new DateTimeOffset((index - Intervals + 1) * Interval.Ticks, TimeSpan.Zero);
        return new ThroughputView(start, Interval, completed, failed);
    }

    /// <summary>Clears the intervals that passed since the last call; returns the slot of <paramref name="now"/>.</summary>
    private int Advance(DateTimeOffset now)
    {
        var index = IndexOf(now);
        if (index > _latest)
        {
            var from = Math.Max(_latest + 1, index - Intervals + 1);
            for (var i = from; i <= index; i++)
            {
                _completed[Slot(i)] = 0;
                _failed[Slot(i)] = 0;
            }

            _latest = index;
        }

        return Slot(index);
    }

    private static long IndexOf(DateTimeOffset time) => time.UtcTicks / Interval.Ticks;

    private static int Slot(long index) => (int)(((index % Intervals) + Intervals) % Intervals);
}
