using System.Runtime.CompilerServices;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.File;

/// <summary>A jugdir's failure records: one file each, <c>failures/&lt;hash&gt;.json</c>.</summary>
internal sealed class FileFailures(FileLayout layout, bool durable) : IFailureStore
{
    public ValueTask PutFailureAsync(FailureRecord failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        cancellationToken.ThrowIfCancellationRequested();
        AtomicFile.Write(layout.Failure(failure.Key), FailureRecordCodec.Encode(failure), durable);
        return ValueTask.CompletedTask;
    }

    public ValueTask<FailureRecord?> GetFailureAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = AtomicFile.ReadOrNull(layout.Failure(key));
        return ValueTask.FromResult(bytes is null ? null : FailureRecordCodec.Decode(bytes));
    }

    public ValueTask<bool> DeleteFailureAsync(TaskHash key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(AtomicFile.TryDelete(layout.Failure(key)));
    }

    /// <summary>Every record that verifies; one that does not is left out (as if missing).</summary>
    public async IAsyncEnumerable<FailureRecord> ListFailuresAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(layout.FailuresDirectory))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(layout.FailuresDirectory, "*" + FileLayout.FailureExtension))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!FileLayout.IsTemporary(path) && TryRead(path) is { } failure)
            {
                yield return failure;
            }
        }

        await Task.CompletedTask;
    }

    private static FailureRecord? TryRead(string path)
    {
        try
        {
            return AtomicFile.ReadOrNull(path) is { } bytes ? FailureRecordCodec.Decode(bytes) : null;
        }
        catch (CorruptObjectException)
        {
            return null;
        }
    }
}
