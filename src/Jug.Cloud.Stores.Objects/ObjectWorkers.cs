using System.Runtime.CompilerServices;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Objects;

/// <summary>
/// Worker status records in an object service: one object per worker, <c>workers/&lt;name&gt;</c>, where
/// the name is <see cref="WorkerStatusCodec.ObjectName"/> of the worker. Object services have no expiry
/// of their own that a store can set per write, so a listing deletes records expired longer than
/// <see cref="WorkerStatus.ListedAfterExpiry"/>.
/// </summary>
internal sealed class ObjectWorkers(IObjectBackend objects, ObjectLayout layout, TimeProvider time) : IWorkerStatusStore
{
    public async ValueTask PutWorkerStatusAsync(WorkerStatus status, CancellationToken cancellationToken = default)
    {
        var encoded = WorkerStatusCodec.Encode(status);
        await objects.PutAsync(layout.Worker(status.Worker), encoded, cancellationToken);
    }

    public async ValueTask<bool> RemoveWorkerStatusAsync(string worker, CancellationToken cancellationToken = default) =>
        await objects.DeleteAsync(layout.Worker(worker), cancellationToken);

    public async IAsyncEnumerable<WorkerStatus> ListWorkerStatusesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await foreach (var objectKey in objects.ListAsync(layout.Workers, cancellationToken))
        {
            if (await objects.GetAsync(objectKey, cancellationToken) is not { } bytes || WorkerStatusCodec.TryDecode(bytes) is not { } status)
            {
                continue;
            }

            if (status.IsGone(now))
            {
                // A worker writing again in this instant loses one record, which its next write restores.
                await objects.DeleteQuietlyAsync(objectKey, cancellationToken);
                continue;
            }

            yield return status;
        }
    }
}
