namespace Jug.Cloud.Storage;

/// <summary>
/// Which run records a compacted run log keeps: of each task, its latest successful run (what
/// <c>status</c> reads for run times) and its latest run if that came later (a failed attempt since),
/// so the log holds at most two records a task however many runs came before.
/// </summary>
public static class RunLogCompaction
{
    /// <summary>The records of <paramref name="records"/> a compacted log keeps, of the tasks <paramref name="keep"/> accepts (all when null).</summary>
    public static List<RunRecord> Select(IEnumerable<RunRecord> records, Func<TaskHash, bool>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var latest = new Dictionary<TaskHash, (RunRecord? Succeeded, RunRecord? Last)>();
        foreach (var record in records)
        {
            if (keep is not null && !keep(record.Key))
            {
                continue;
            }

            var (succeeded, last) = latest.GetValueOrDefault(record.Key);
            if (record.Succeeded && (succeeded is null || succeeded.Started < record.Started))
            {
                succeeded = record;
            }

            if (last is null || last.Started < record.Started)
            {
                last = record;
            }

            latest[record.Key] = (succeeded, last);
        }

        var kept = new List<RunRecord>(latest.Count);
        foreach (var (succeeded, last) in latest.Values)
        {
            if (succeeded is not null)
            {
                kept.Add(succeeded);
            }

            if (last is not null && !ReferenceEquals(last, succeeded))
            {
                kept.Add(last);
            }
        }

        return kept;
    }
}
