using System.Runtime.CompilerServices;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.File;

/// <summary>
/// A jugdir's run log: one file per batch, <c>runs/&lt;time&gt;-&lt;id&gt;.json</c>, renamed into place but
/// not fsynced: the run log is history, not results, and is not worth a disk flush per batch.
/// </summary>
/// <remarks>
/// Bounded: the first batch a store appends (once per process, off every later append) finds more than
/// <see cref="CompactAbove"/> batch files, it first compacts them into one file (<see cref="Compact"/>),
/// so the log holds about one file plus what the runs since wrote, and at most two records a task.
/// </remarks>
internal sealed class FileRunLog(FileLayout layout)
{
    /// <summary>More batch files than this are compacted into one when a process first appends.</summary>
    public const int CompactAbove = FileJugStore.CompactRunLogAbove;

    private int _checked;

    public ValueTask AppendRunsAsync(IReadOnlyList<RunRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        cancellationToken.ThrowIfCancellationRequested();
        if (records.Count > 0)
        {
            if (Interlocked.Exchange(ref _checked, 1) == 0 && Batches().Skip(CompactAbove).Any())
            {
                Compact(keep: null);
            }

            AtomicFile.Write(layout.NewRunBatch(), RunRecordCodec.Encode(records), durable: false);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Every record of every batch that verifies.</summary>
    public async IAsyncEnumerable<RunRecord> ListRunsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var path in Batches())
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var record in TryRead(path) ?? [])
            {
                yield return record;
            }
        }

        await Task.CompletedTask;
    }

    public async ValueTask<int> ClearRunsAsync(CancellationToken cancellationToken = default)
    {
        var removed = 0;
        foreach (var path in Batches())
        {
            cancellationToken.ThrowIfCancellationRequested();
            removed += TryRead(path)?.Length ?? 0;
            AtomicFile.TryDelete(path);
        }

        return await ValueTask.FromResult(removed);
    }

    /// <summary>
    /// Writes what <see cref="RunLogCompaction"/> keeps of the batches there now as one new batch, then
    /// removes those batches; returns how many records were dropped. Batches appended meanwhile are not
    /// touched, and a damaged batch is left for <c>verify</c> to report. Two processes compacting at once
    /// may both write a copy of the same records: <c>status</c> reads the latest run of each task, so a
    /// duplicate changes nothing, and the next compaction merges them.
    /// </summary>
    public int Compact(Func<TaskHash, bool>? keep)
    {
        var read = new List<string>();
        var records = new List<RunRecord>();
        foreach (var path in Batches().ToList())
        {
            if (TryRead(path) is { } batch)
            {
                read.Add(path);
                records.AddRange(batch);
            }
        }

        var kept = RunLogCompaction.Select(records, keep);
        if (read.Count <= 1 && kept.Count == records.Count)
        {
            return 0;
        }

        if (kept.Count > 0)
        {
            AtomicFile.Write(layout.NewRunBatch(), RunRecordCodec.Encode(kept), durable: true);
        }

        foreach (var path in read)
        {
            AtomicFile.TryDelete(path);
        }

        return records.Count - kept.Count;
    }

    private static RunRecord[]? TryRead(string path)
    {
        try
        {
            return AtomicFile.ReadOrNull(path) is { } bytes ? RunRecordCodec.Decode(bytes) : null;
        }
        catch (CorruptObjectException)
        {
            return null;
        }
    }

    private IEnumerable<string> Batches() =>
        Directory.Exists(layout.RunsDirectory)
            ? Directory.EnumerateFiles(layout.RunsDirectory, "*" + FileLayout.RunExtension).Where(p => !FileLayout.IsTemporary(p))
            : [];
}
