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
/// Processes that start together (silos joining a run) would each compact the same batches and write
/// each record again, so a compaction runs only while it holds <c>runs/.compacting</c>; and a reader
/// skips exact copies of a record, which a compaction leaves for a moment between writing the new
/// batch and removing the old ones, or for good if it is killed there.
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
        // Two records equal in task, worker, start (to the tick), duration and attempt are one run copied.
        var seen = new HashSet<RunRecord>();
        foreach (var path in Batches())
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var record in TryRead(path) ?? [])
            {
                if (seen.Add(record))
                {
                    yield return record;
                }
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
    /// touched, and a damaged batch is left for <c>verify</c> to report. While another process compacts
    /// (<see cref="CompactionLock"/>), nothing is done and 0 is returned.
    /// </summary>
    public int Compact(Func<TaskHash, bool>? keep)
    {
        using var compaction = CompactionLock.TryTake(layout.RunsDirectory);
        return compaction is null ? 0 : CompactHeld(keep);
    }

    private int CompactHeld(Func<TaskHash, bool>? keep)
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
