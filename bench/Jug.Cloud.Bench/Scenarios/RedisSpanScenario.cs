using System.Diagnostics;
using Jug.Cloud.Bench.Measurement;
using Jug.Cloud.Bench.Output;
using Jug.Cloud.Encoding;
using Jug.Cloud.Hashing;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Redis;

namespace Jug.Cloud.Bench.Scenarios;

/// <summary>
/// Scenario 13: the Redis store over one server, over three shards and over a three-node Redis
/// Cluster: N 1 KB results written, read back and claimed, 32 operations in flight, each layout three
/// times in turn; the value is the shards' median throughput over the single server's. The servers
/// come from JUGCLOUD_TEST_REDIS, JUGCLOUD_TEST_REDIS_SHARDS and JUGCLOUD_TEST_REDIS_CLUSTER, as
/// <c>infra/services.sh start --only redis,redis-shards,redis-cluster</c> prints them; it runs only when named.
/// </summary>
internal sealed class RedisSpanScenario : IBenchScenario
{
    private const int Repetitions = 3;
    private const int InFlight = 32;

    public string Number => "13";

    public string Id => "redis-span";

    public string Title => "Redis: 3 shards vs 1 server (write+read+claim)";

    public Target Target { get; } = Target.AtLeast(1.0, Unit.Ratio);

    public bool OnRequestOnly => true;

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var layouts = new (string Name, string? Uri)[]
        {
            ("1 server", Environment.GetEnvironmentVariable("JUGCLOUD_TEST_REDIS")),
            ("3 shards", Environment.GetEnvironmentVariable("JUGCLOUD_TEST_REDIS_SHARDS")),
            ("cluster", Environment.GetEnvironmentVariable("JUGCLOUD_TEST_REDIS_CLUSTER")),
        };
        if (layouts[0].Uri is null || layouts[1].Uri is null)
        {
            return ScenarioResult.NotAvailable(
                "not available: set JUGCLOUD_TEST_REDIS and JUGCLOUD_TEST_REDIS_SHARDS (and JUGCLOUD_TEST_REDIS_CLUSTER): " +
                "eval \"$(bash infra/services.sh start --only redis,redis-shards,redis-cluster)\"");
        }

        var count = context.Settings.Scale(20_000, 500);
        var keys = Enumerable.Range(0, count).Select(i => CanonicalHash.OfValue($"span {i}")).ToArray();
        var value = new byte[1024];
        Random.Shared.NextBytes(value);
        var encoded = StoredObject.Wrap(CodecId.Bytes, 0, value);

        var rates = layouts.Where(l => l.Uri is not null).ToDictionary(l => l.Name, _ => new List<double>());
        Measurement.Measurement measured;
        using (var meter = ResourceMeter.Start())
        {
            for (var round = 0; round < Repetitions; round++)
            {
                foreach (var (name, uri) in layouts)
                {
                    if (uri is not null)
                    {
                        rates[name].Add(await OperationsPerSecondAsync(uri, keys, encoded, cancellationToken));
                    }
                }
            }

            measured = meter.Stop();
        }

        var medians = rates.ToDictionary(r => r.Key, r => r.Value.Order().ElementAt(r.Value.Count / 2));
        return new ScenarioResult
        {
            Value = medians["3 shards"] / medians["1 server"],
            Measurement = measured,
            Count = count * 3L * Repetitions * rates.Count,
            CountsTasks = false,
            Notes = $"{count:N0} results × (put, get, claim), {InFlight} in flight; median of {Repetitions} ops/s: " +
                string.Join(", ", medians.Select(m => $"{m.Key} {m.Value:N0}")) +
                (medians.TryGetValue("cluster", out var cluster) ? $"; cluster/1 server {cluster / medians["1 server"]:F2}" : "") +
                "; every server on this machine's loopback",
        };
    }

    private static async Task<double> OperationsPerSecondAsync(string uri, TaskHash[] keys, byte[] encoded, CancellationToken cancellationToken)
    {
        var location = StoreLocation.Parse(uri);
        var options = RedisStoreProvider.ToOptions(location) with { KeyPrefix = $"jugbench-span-{Guid.NewGuid():n}:" };
        await using var store = RedisJugStore.Connect(options);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken };
        var start = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(keys, parallel, async (key, ct) => await store.PutAsync(key, encoded, ct));
        await Parallel.ForEachAsync(keys, parallel, async (key, ct) =>
        {
            if (await store.GetAsync(key, ct) is null)
            {
                throw new InvalidOperationException($"result {key} missing from {store.DisplayName}");
            }
        });
        await Parallel.ForEachAsync(keys, parallel, async (key, ct) => await store.TryClaimAsync(key, "bench", TimeSpan.FromMinutes(5), ct));
        var elapsed = Stopwatch.GetElapsedTime(start);

        // Leave the servers as found: the keys go with their prefix.
        await Parallel.ForEachAsync(keys, parallel, async (key, ct) =>
        {
            await store.DeleteAsync(key, ct);
            await store.BreakClaimAsync(key, ct);
        });
        return keys.Length * 3 / elapsed.TotalSeconds;
    }
}
