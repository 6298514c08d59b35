using System.Collections.Concurrent;
using Jug.Cloud.Client;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Redis;
using static Jug.Cloud.Jug;

namespace Jug.Cloud.Stores.Tests.Integration;

/// <summary>
/// Two engines on one Redis jugdir stand for two <c>jugcloud execute</c> processes sharing it: they
/// coordinate only through the store's claims, as on a file jugdir.
/// </summary>
[Collection(ServicesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SharedRedisStoreTests(TestServices services)
{
    private static readonly ConcurrentDictionary<string, int> Calls = new();

    public static long Slow(string tag, int i)
    {
        Calls.AddOrUpdate(tag, 1, (_, n) => n + 1);
        Thread.Sleep(15);
        return i;
    }

    public static long Sum(IReadOnlyList<long> xs) => xs.Sum();

    private IJugStore Open(string prefix) =>
        RedisJugStore.Connect(RedisStoreProvider.ToOptions(StoreLocation.Parse($"{services.Redis}?prefix={prefix}"), TimeProvider.System));

    [Fact]
    public async Task Two_engines_on_one_redis_jugdir_run_every_task_exactly_once()
    {
        var tag = Guid.NewGuid().ToString("n");
        var prefix = $"shared-{tag}:";
        var context = new JugContext();
        using (context.Enter())
        {
            Task(Sum, Enumerable.Range(0, 60).Select(i => (Handle<long>)Task(Slow, tag, i)).ToList());
        }

        await using var a = Open(prefix);
        await using var b = Open(prefix);
        Assert.True(a.IsShared);
        var options = new ExecuteOptions { Jobs = 1, WaitCycleTime = TimeSpan.FromMilliseconds(100) };

        var results = await System.Threading.Tasks.Task.WhenAll(
            JugEngine.ExecuteAsync(context.Graph, a, options with { WorkerName = "a" }),
            JugEngine.ExecuteAsync(context.Graph, b, options with { WorkerName = "b" }));

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(61, results.Sum(r => r.Executed));
        Assert.Equal(60, Calls[tag]);
        var runs = new List<RunRecord>();
        await foreach (var run in a.ListRunsAsync())
        {
            runs.Add(run);
        }

        Assert.Equal(61, runs.Count);
        Assert.Equal(61, runs.Select(r => r.Key).Distinct().Count());
        Assert.Equal(2, runs.Select(r => r.Worker).Distinct().Count());
    }
}
