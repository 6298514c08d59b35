using System.Runtime.CompilerServices;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.File;

/// <summary>
/// A jugdir's worker status records: one small file each, <c>workers/&lt;name&gt;.json</c>, where the name
/// is <see cref="WorkerStatusCodec.ObjectName"/> of the worker. Written atomically but never fsynced:
/// a record is rewritten every few seconds, and one lost in a crash only leaves a stale view until the
/// next write.
/// </summary>
internal sealed class FileWorkers(FileLayout layout, TimeProvider time) : IWorkerStatusStore
{
    public ValueTask PutWorkerStatusAsync(WorkerStatus status, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var encoded = WorkerStatusCodec.Encode(status);
        AtomicFile.Write(layout.Worker(status.Worker), encoded, durable: false);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RemoveWorkerStatusAsync(string worker, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(AtomicFile.TryDelete(layout.Worker(worker)));
    }

    /// <summary>Every record that verifies and is not long expired; long-expired ones are deleted on the way.</summary>
    public async IAsyncEnumerable<WorkerStatus> ListWorkerStatusesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(layout.WorkersDirectory))
        {
            yield break;
        }

        var now = time.GetUtcNow();
        foreach (var path in Directory.EnumerateFiles(layout.WorkersDirectory, "*" + FileLayout.WorkerExtension))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (FileLayout.IsTemporary(path) || AtomicFile.ReadOrNull(path) is not { } bytes || WorkerStatusCodec.TryDecode(bytes) is not { } status)
            {
                continue;
            }

            if (status.IsGone(now))
            {
                // A worker writing again in this instant loses one record, which its next write restores.
                AtomicFile.TryDelete(path);
                continue;
            }

            yield return status;
        }

        await Task.CompletedTask;
    }
}
