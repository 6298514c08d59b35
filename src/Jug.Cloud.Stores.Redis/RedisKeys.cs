using System.Text;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Redis;

/// <summary>
/// Where things live under the key prefix: <c>r:&lt;hash&gt;</c> results, <c>c:&lt;hash&gt;</c> claims,
/// <c>f:&lt;hash&gt;</c> failure records, <c>b:&lt;id&gt;</c> bundles, <c>runs</c> the run log (a hash of
/// batches), <c>w:&lt;name&gt;</c> worker status records (the name a hash of the worker's),
/// <c>tmp:{&lt;final key&gt;}&lt;guid&gt;</c> large values being written and run logs being cleared,
/// <c>shards</c> the server list's marker of a sharded jugdir.
/// </summary>
/// <remarks>
/// Keys that a script or rename uses together must live on one server, in Redis Cluster (one hash
/// slot) and in a sharded jugdir (one shard). A temporary key therefore carries its final key as a
/// hash tag: Redis Cluster hashes only what is between the first <c>{</c> and the next <c>}</c>, which
/// is exactly the final key (whose slot is that of its whole name) or, if the prefix holds a tag
/// itself, that same tag. <see cref="ShardPart"/> is the sharded counterpart: the task hash of a
/// result, claim or failure key, so a task's keys share a server.
/// </remarks>
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

    /// <summary>The signature of a bundle's id.</summary>
    public RedisKey BundleSignature(string id) => Prefix + "b:" + id + ".sig";

    public RedisKey Worker(string worker) => Prefix + WorkerTag + Jug.Cloud.Storage.WorkerStatusCodec.ObjectName(worker);

    public RedisKey Runs => Prefix + "runs";

    /// <summary>The server list's marker of a sharded jugdir (see <see cref="RedisShards"/>).</summary>
    public RedisKey ShardMarker => Prefix + "shards";

    /// <summary>A fresh temporary key on the same server and hash slot as <paramref name="final"/>.</summary>
    public RedisKey NewTemporary(RedisKey final) => $"{Prefix}tmp:{{{final}}}{Guid.NewGuid():n}";

    /// <summary>
    /// The part of a key that picks its shard: the task hash of a result, claim or failure key; the
    /// final key's part for a temporary; otherwise the key after the prefix.
    /// </summary>
    public string ShardPart(RedisKey key)
    {
        var text = (string?)key ?? "";
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return text;
        }

        var rest = text.AsSpan(Prefix.Length);
        if (rest.StartsWith("tmp:{", StringComparison.Ordinal) && rest.LastIndexOf('}') is var close and > 5)
        {
            return ShardPart(rest[5..close].ToString());
        }

        foreach (var tag in (ReadOnlySpan<string>)[ResultTag, ClaimTag, FailureTag])
        {
            if (rest.StartsWith(tag, StringComparison.Ordinal) && rest.Length == tag.Length + (TaskHash.Size * 2))
            {
                return rest[tag.Length..].ToString();
            }
        }

        return rest.ToString();
    }

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
