using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.File;

/// <summary>
/// Where things live in a jugdir: <c>results/ab/&lt;hash&gt;</c> (sharded by the first byte, as Jug
/// does), <c>locks/&lt;hash&gt;.lock</c>, <c>failures/&lt;hash&gt;.json</c>, <c>runs/&lt;batch&gt;.json</c>, <c>bundles/&lt;id&gt;</c>,
/// <c>workers/&lt;name&gt;.json</c> (the name a hash of the worker's: <see cref="WorkerStatusCodec.ObjectName"/>).
/// Names starting with '.' are temporary files and never objects.
/// </summary>
internal sealed class FileLayout(string root)
{
    public const string LockExtension = ".lock";

    public const string FailureExtension = ".json";

    public string Root { get; } = Path.GetFullPath(root);

    // Built once: a run checks and writes hundreds of thousands of result paths under it.
    public string ResultsDirectory { get; } = Path.Combine(Path.GetFullPath(root), "results");

    /// <summary>Packs: many small results of one group commit per file.</summary>
    public string PacksDirectory => Path.Combine(ResultsDirectory, "packs");

    public string LocksDirectory => Path.Combine(Root, "locks");

    public string FailuresDirectory => Path.Combine(Root, "failures");

    public const string RunExtension = ".json";

    public string RunsDirectory => Path.Combine(Root, "runs");

    public string BundlesDirectory => Path.Combine(Root, "bundles");

    public const string WorkerExtension = ".json";

    public string WorkersDirectory => Path.Combine(Root, "workers");

    public string Result(TaskHash key)
    {
        Span<char> hex = stackalloc char[TaskHash.Size * 2];
        key.TryFormat(hex, out _, default, null);
        return Path.Join(ResultsDirectory, hex[..2], hex);
    }

    public string Lock(TaskHash key) => Path.Combine(LocksDirectory, key + LockExtension);

    /// <summary>Held (created exclusively) by whoever is breaking the expired lock of <paramref name="key"/>.</summary>
    public string BreakMarker(TaskHash key) => Path.Combine(LocksDirectory, $".{key}.break");

    public string Failure(TaskHash key) => Path.Combine(FailuresDirectory, key + FailureExtension);

    /// <summary>A fresh run-log batch file; names sort by time.</summary>
    public string NewRunBatch() =>
        Path.Combine(RunsDirectory, $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():n}{RunExtension}");

    public string Bundle(string id) => Path.Combine(BundlesDirectory, id);

    /// <summary>The signature of a bundle's id, beside the bundle.</summary>
    public string BundleSignature(string id) => Path.Combine(BundlesDirectory, id + ".sig");

    public string Worker(string worker) => Path.Combine(WorkersDirectory, WorkerStatusCodec.ObjectName(worker) + WorkerExtension);

    public static bool IsTemporary(string path) => Path.GetFileName(path.AsSpan()).StartsWith('.');

    public static string TemporaryBeside(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():n}.tmp");
}
