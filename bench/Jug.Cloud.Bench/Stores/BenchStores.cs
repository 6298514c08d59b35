using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Azure;
using Jug.Cloud.Stores.File;
using Jug.Cloud.Stores.Memory;
using Jug.Cloud.Stores.Redis;
using Jug.Cloud.Stores.S3;

namespace Jug.Cloud.Bench.Stores;

/// <summary>
/// Opens a clean store for each scenario: the in-process memory store, or a fresh place in the
/// durable store (<c>--store</c>): a new jugdir directory for file stores, a new key prefix for Redis,
/// a new path prefix for S3 and Azure Blob.
/// </summary>
internal sealed class BenchStores
{
    private readonly StoreRegistry _registry = new StoreRegistry()
        .AddFileStore().AddMemoryStore().AddRedisStore().AddS3Store().AddAzureBlobStore();

    private readonly string? _durable;
    private readonly string _temporaryRoot;

    /// <param name="durable">The <c>--store</c> location, or null for file jugdirs under <paramref name="temporaryRoot"/>.</param>
    /// <param name="temporaryRoot">This run's temporary directory.</param>
    public BenchStores(string? durable, string temporaryRoot)
    {
        _durable = durable;
        _temporaryRoot = temporaryRoot;
        if (durable is not null)
        {
            // Fail on a malformed location or an unknown scheme before any scenario runs.
            _ = StoreLocation.Parse(durable);
        }
    }

    /// <summary>A description of where durable results go, for the report.</summary>
    public string DurableDescription => _durable is null ? $"file jugdirs under {_temporaryRoot}" : StoreLocation.Parse(_durable).Redacted;

    /// <summary>A new, empty in-process memory store.</summary>
    public static BenchStore Memory() => new(new MemoryJugStore(), "memory:", null);

    /// <summary>A new, empty place in the durable store, named after <paramref name="scenario"/>.</summary>
    public BenchStore Durable(string scenario)
    {
        var unique = $"jugbench-{scenario}-{Guid.NewGuid():n}";
        if (_durable is null)
        {
            var directory = Path.Combine(_temporaryRoot, unique);
            return new BenchStore(_registry.Open(directory), directory, directory);
        }

        var location = StoreLocation.Parse(_durable);
        switch (location.Scheme)
        {
            case "file":
            {
                var directory = Path.Combine(location.Path!, unique);
                return new BenchStore(_registry.Open(directory), directory, directory);
            }

            case "memory":
                return Memory();
            case "redis" or "rediss":
            {
                var text = WithQuery(_durable, "prefix", unique + ":");
                return new BenchStore(_registry.Open(text), StoreLocation.Parse(text).Redacted, null);
            }

            default:
            {
                var text = WithPathSegment(_durable, unique);
                return new BenchStore(_registry.Open(text), StoreLocation.Parse(text).Redacted, null);
            }
        }
    }

    private static string WithQuery(string uri, string name, string value)
    {
        var builder = new UriBuilder(uri);
        var pairs = builder.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase))
            .Append($"{name}={Uri.EscapeDataString(value)}");
        builder.Query = string.Join('&', pairs);
        return builder.Uri.ToString();
    }

    private static string WithPathSegment(string uri, string segment)
    {
        var builder = new UriBuilder(uri);
        builder.Path = builder.Path.TrimEnd('/') + "/" + segment;
        return builder.Uri.ToString();
    }
}
