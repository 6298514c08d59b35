using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Memory;

/// <summary>
/// The worker status records of a memory store, kept encoded (<see cref="WorkerStatusCodec"/>) so what a
/// caller gets back is a copy. Never saved to a <c>memory:path</c> file: they are live state, and a
/// snapshot reopened later would show workers that are long gone.
/// </summary>
internal sealed class MemoryWorkers(TimeProvider time) : IWorkerStatusStore
{
    private readonly ConcurrentDictionary<string, byte[]> _records = new(StringComparer.Ordinal);

    public ValueTask PutWorkerStatusAsync(WorkerStatus status, CancellationToken cancellationToken = default)
    {
        var encoded = WorkerStatusCodec.Encode(status);
        _records[status.Worker] = encoded;
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RemoveWorkerStatusAsync(string worker, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(worker);
        return ValueTask.FromResult(_records.TryRemove(worker, out _));
    }

    public async IAsyncEnumerable<WorkerStatus> ListWorkerStatusesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        foreach (var (worker, encoded) in _records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (WorkerStatusCodec.TryDecode(encoded) is not { } status)
            {
                continue;
            }

            if (status.IsGone(now))
            {
                // Only the bytes read are removed: a record the worker wrote meanwhile stays.
                _records.TryRemove(new KeyValuePair<string, byte[]>(worker, encoded));
                continue;
            }

            yield return status;
        }

        await Task.CompletedTask;
    }
}
