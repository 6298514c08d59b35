using System.Runtime.CompilerServices;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.File;

/// <summary>
/// A jugdir's run log: one file per batch, <c>runs/&lt;time&gt;-&lt;id&gt;.json</c>, renamed into place but
/// not fsynced: the run log is history, not results, and is not worth a disk flush per batch.
/// </summary>
internal sealed class FileRunLog(FileLayout layout) : IRunLogStore
{
    public ValueTask AppendRunsAsync(IReadOnlyList<RunRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        cancellationToken.ThrowIfCancellationRequested();
        if (records.Count > 0)
        {
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
            RunRecord[] batch;
            try
            {
                batch = AtomicFile.ReadOrNull(path) is { } bytes ? RunRecordCodec.Decode(bytes) : [];
            }
            catch (CorruptObjectException)
            {
                continue;
            }

            foreach (var record in batch)
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
            byte[]? bytes;
            try
            {
                bytes = AtomicFile.ReadOrNull(path);
                removed += bytes is null ? 0 : RunRecordCodec.Decode(bytes).Length;
            }
            catch (CorruptObjectException)
            {
            }

            AtomicFile.TryDelete(path);
        }

        return await ValueTask.FromResult(removed);
    }

    private IEnumerable<string> Batches() =>
        Directory.Exists(layout.RunsDirectory)
            ? Directory.EnumerateFiles(layout.RunsDirectory, "*" + FileLayout.RunExtension).Where(p => !FileLayout.IsTemporary(p))
            : [];
}
