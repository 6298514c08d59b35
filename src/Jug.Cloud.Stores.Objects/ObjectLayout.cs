using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Objects;

/// <summary>
/// Object keys under the prefix: <c>results/&lt;hash&gt;</c>, <c>claims/&lt;hash&gt;</c>,
/// <c>claim-intents/&lt;hash&gt;/&lt;id&gt;</c> (only for backends without preconditions),
/// <c>failures/&lt;hash&gt;</c>, <c>bundles/&lt;id&gt;</c>, <c>runs/&lt;time&gt;-&lt;id&gt;</c>,
/// <c>workers/&lt;name&gt;</c> (the name a hash of the worker's: <see cref="WorkerStatusCodec.ObjectName"/>).
/// </summary>
internal sealed class ObjectLayout(string prefix)
{
    private readonly string _root = prefix.Length == 0 ? "" : prefix + "/";

    public string Results => _root + "results/";

    public string Claims => _root + "claims/";

    public string Failures => _root + "failures/";

    public string Runs => _root + "runs/";

    public string Workers => _root + "workers/";

    public string Result(TaskHash key) => Results + key;

    public string Claim(TaskHash key) => Claims + key;

    public string Intents(TaskHash key) => $"{_root}claim-intents/{key}/";

    public string Failure(TaskHash key) => Failures + key;

    public string Bundle(string id) => _root + "bundles/" + id;

    /// <summary>The signature of a bundle's id, beside the bundle.</summary>
    public string BundleSignature(string id) => _root + "bundles/" + id + ".sig";

    public string Worker(string worker) => Workers + WorkerStatusCodec.ObjectName(worker);

    public string NewRunBatch() => $"{Runs}{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():n}";

    /// <summary>The task hash named by a key under <paramref name="folder"/>, if it is one.</summary>
    public static bool TryParse(string objectKey, string folder, out TaskHash hash)
    {
        hash = default;
        return objectKey.Length == folder.Length + (TaskHash.Size * 2)
            && objectKey.StartsWith(folder, StringComparison.Ordinal)
            && TaskHash.TryParse(objectKey.AsSpan(folder.Length), out hash);
    }
}
