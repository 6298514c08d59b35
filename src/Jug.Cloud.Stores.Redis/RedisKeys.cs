using System.Text;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Redis;

/// <summary>
/// Where things live under the key prefix: <c>r:&lt;hash&gt;</c> results, <c>c:&lt;hash&gt;</c> claims,
/// <c>f:&lt;hash&gt;</c> failure records, <c>b:&lt;id&gt;</c> bundles, <c>runs</c> the run log (a hash of
/// batches), <c>w:&lt;name&gt;</c> worker status records (the name a hash of the worker's),
/// <c>tmp:&lt;guid&gt;</c> large values being written.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    public const string ResultTag = "r:";
    public const string ClaimTag = "c:";
    public const string FailureTag = "f:";
    public const string WorkerTag = "w:";

    public string Prefix { get; } = prefix;

    public RedisKey Result(TaskHash key) => Prefix + ResultTag + key;

    public RedisKey Claim(TaskHash key) => Prefix + ClaimTag + key;

    public RedisKey Failure(TaskHash key) => Prefix + FailureTag + key;

    public RedisKey Bundle(string id) => Prefix + "b:" + id;

    public RedisKey Worker(string worker) => Prefix + WorkerTag + Jug.Cloud.Storage.WorkerStatusCodec.ObjectName(worker);

    public RedisKey Runs => Prefix + "runs";

    public RedisKey NewTemporary() => $"{Prefix}tmp:{Guid.NewGuid():n}";

    /// <summary>A SCAN pattern matching every key with <paramref name="tag"/>; the prefix's glob characters are escaped.</summary>
    public RedisValue Pattern(string tag)
    {
        var pattern = new StringBuilder(Prefix.Length + tag.Length + 2);
        foreach (var c in Prefix + tag)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                pattern.Append('\\');
            }

            pattern.Append(c);
        }

        return pattern.Append('*').ToString();
    }

    /// <summary>The task hash at the end of a key found by <see cref="Pattern"/>, if it is one.</summary>
    public bool TryParse(RedisKey key, string tag, out TaskHash hash)
    {
        var text = (string?)key ?? "";
        var start = Prefix.Length + tag.Length;
        hash = default;
        return text.Length == start + (TaskHash.Size * 2) && TaskHash.TryParse(text.AsSpan(start), out hash);
    }
}
