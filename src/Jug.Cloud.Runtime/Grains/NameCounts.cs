namespace Jug.Cloud.Runtime.Grains;

/// <summary>Counts of one task name's tasks by status, and the run times of those that finished.</summary>
/// <param name="Name">The task name.</param>
/// <param name="Waiting">Waiting for dependencies.</param>
/// <param name="Ready">Queued (not running), or queued or running where <see cref="Running"/> is not known.</param>
/// <param name="Done">Finished.</param>
/// <param name="Failed">Failed for good.</param>
/// <param name="LastError">The error of one failed task of this name, if any failed.</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.NameCounts")]
public sealed record NameCounts(
    [property: Id(0)] string Name,
    [property: Id(1)] int Waiting,
    [property: Id(2)] int Ready,
    [property: Id(3)] int Done,
    [property: Id(4)] int Failed,
    [property: Id(5)] string? LastError)
{
    /// <summary>Handed to a worker and not yet reported.</summary>
    [Id(6)]
    public int Running { get; init; }

    /// <summary>How many finished tasks <see cref="TotalSeconds"/> and <see cref="MaxSeconds"/> cover.</summary>
    [Id(7)]
    public int TimedRuns { get; init; }

    /// <summary>The summed run time of the finished tasks counted in <see cref="TimedRuns"/>.</summary>
    [Id(8)]
    public double TotalSeconds { get; init; }

    /// <summary>The longest run time among them.</summary>
    [Id(9)]
    public double MaxSeconds { get; init; }

    /// <summary>Mean run time of the timed tasks; null if none finished here.</summary>
    public TimeSpan? MeanRunTime => TimedRuns == 0 ? null : TimeSpan.FromSeconds(TotalSeconds / TimedRuns);

    /// <summary>Longest run time of the timed tasks; null if none finished here.</summary>
    public TimeSpan? MaxRunTime => TimedRuns == 0 ? null : TimeSpan.FromSeconds(MaxSeconds);

    /// <summary>Adds up the counts of each name (from several shards or epochs), in first-seen order.</summary>
    public static NameCounts[] Merge(IEnumerable<NameCounts> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var byName = new Dictionary<string, NameCounts>(StringComparer.Ordinal);
        foreach (var c in counts)
        {
            byName[c.Name] = byName.TryGetValue(c.Name, out var sum) ? sum.Add(c) : c;
        }

        return [.. byName.Values];
    }

    private NameCounts Add(NameCounts other) =>
        new(Name, Waiting + other.Waiting, Ready + other.Ready, Done + other.Done, Failed + other.Failed, LastError ?? other.LastError)
        {
            Running = Running + other.Running,
            TimedRuns = TimedRuns + other.TimedRuns,
            TotalSeconds = TotalSeconds + other.TotalSeconds,
            MaxSeconds = Math.Max(MaxSeconds, other.MaxSeconds),
        };
}
