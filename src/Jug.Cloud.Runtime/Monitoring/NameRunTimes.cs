using Jug.Cloud.Runtime.Grains;

namespace Jug.Cloud.Runtime.Monitoring;

/// <summary>
/// Run times of the tasks of each name that finished in a run, kept by the shard that holds them: a
/// count, a sum and a maximum per name, so a monitor gets mean and max without reading the run log.
/// </summary>
public sealed class NameRunTimes
{
    private readonly Dictionary<string, Times> _byName = new(StringComparer.Ordinal);

    // Tasks of one batch are mostly of one name: one dictionary lookup per name change, not per task.
    private string? _lastName;
    private Times? _last;

    /// <summary>Adds one finished task of <paramref name="name"/> that ran for <paramref name="seconds"/>.</summary>
    public void Add(string name, double seconds)
    {
        if (!ReferenceEquals(name, _lastName))
        {
            if (!_byName.TryGetValue(name, out _last))
            {
                _byName[name] = _last = new Times();
            }

            _lastName = name;
        }

        var times = _last!;
        times.Count++;
        times.Total += seconds;
        times.Max = Math.Max(times.Max, seconds);
    }

    /// <summary>Fills in the run times of <paramref name="counts"/>'s name, if any of its tasks finished.</summary>
    public NameCounts With(NameCounts counts) =>
        _byName.TryGetValue(counts.Name, out var times)
            ? counts with { TimedRuns = times.Count, TotalSeconds = times.Total, MaxSeconds = times.Max }
            : counts;

    private sealed class Times
    {
        public int Count;
        public double Total;
        public double Max;
    }
}
