using Jug.Cloud.Client;
using Jug.Cloud.Storage;
using static Jug.Cloud.Jug;
using static Jug.Cloud.Runtime.Tests.EngineTests;

namespace Jug.Cloud.Runtime.Tests;

/// <summary>
/// Two engines on one file jugdir stand for two processes sharing it: they coordinate only through
/// the store's claims. (The CLI tests do the same with real processes, and kill one.)
/// </summary>
[Trait("Category", "Runtime")]
public sealed class SharedStoreTests : IDisposable
{
    private static readonly ExecuteOptions Options = new() { Jobs = 1, RetryDelay = TimeSpan.FromMilliseconds(10), WaitCycleTime = TimeSpan.FromMilliseconds(100) };
    private readonly DirectoryInfo _jugdir = Directory.CreateTempSubdirectory("jug-shared-");

    public void Dispose() => _jugdir.Delete(recursive: true);

    private async Task<List<RunRecord>> RunsAsync()
    {
        await using var store = TestStores.File(_jugdir.FullName);
        return await store.ListRunsAsync().ToListAsync();
    }

    [Fact]
    public async Task Two_engines_on_one_jugdir_finish_the_graph_and_run_every_task_exactly_once()
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> total = null!;
        var graph = Build(() =>
        {
            var leaves = Enumerable.Range(0, 60).Select(i => Task(Work.Paired, tag, i)).ToList();
            total = Task(Work.Sum, tag, leaves);
        });
        await using var storeA = TestStores.File(_jugdir.FullName);
        await using var storeB = TestStores.File(_jugdir.FullName);

        var results = await System.Threading.Tasks.Task.WhenAll(
            JugEngine.ExecuteAsync(graph, storeA, Options with { WorkerName = "a" }),
            JugEngine.ExecuteAsync(graph, storeB, Options with { WorkerName = "b" }));

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(61, results.Sum(r => r.Executed));
        var runs = await RunsAsync();
        Assert.Equal(61, runs.Count);
        Assert.Equal(61, runs.Select(r => r.Key).Distinct().Count());
        Assert.All(results, r => Assert.True(r.Executed > 0, $"one engine ran nothing: {r}"));
        Assert.Equal(Enumerable.Range(0, 60).Sum(), await ValueOf<long>(storeA, total));
        Assert.Equal(61, Work.CallsOf(tag));
    }

    [Fact]
    public async Task A_task_claimed_by_a_dead_process_runs_here_once_the_claim_lapses()
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> leaf = null!;
        var graph = Build(() => leaf = Task(Work.Leaf, tag, 7));
        await using var store = TestStores.File(_jugdir.FullName);
        Assert.True(await store.TryClaimAsync(leaf.Hash, "dead-process", TimeSpan.FromSeconds(2)));

        var summary = await JugEngine.ExecuteAsync(graph, store, Options);

        Assert.True(summary.Succeeded, summary.ToString());
        Assert.Equal(1, summary.Executed);
        Assert.True(summary.Elapsed >= TimeSpan.FromSeconds(1.5), $"ran before the claim lapsed: {summary.Elapsed}");
        Assert.Empty(await ClaimsAsync(store));
    }

    [Fact]
    public async Task A_result_stored_by_another_process_while_its_claim_is_held_is_taken_as_done()
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> leaf = null!;
        var graph = Build(() => leaf = Task(Work.Leaf, tag, 7));
        await using var store = TestStores.File(_jugdir.FullName);
        Assert.True(await store.TryClaimAsync(leaf.Hash, "other", TimeSpan.FromMinutes(5)));

        var running = JugEngine.ExecuteAsync(graph, store, Options);
        await System.Threading.Tasks.Task.Delay(2000);
        await store.PutAsync(leaf.Hash, Encoding.ResultCodec.Encode(7L));
        var summary = await running;

        Assert.True(summary.Succeeded, summary.ToString());
        Assert.Equal((0, 1), (summary.Executed, summary.DoneElsewhere));
        Assert.Equal(0, Work.CallsOf(tag));
    }

    [Fact]
    public async Task Keep_failed_keeps_the_claim_so_no_later_run_retries_the_task_until_it_is_released()
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> boom = null!;
        var graph = Build(() => boom = Task(Work.BoomOnce, tag, 1L));
        await using var store = TestStores.File(_jugdir.FullName);

        var first = await JugEngine.ExecuteAsync(graph, store, Options with { KeepFailed = true });
        Assert.Single(first.Failures);
        var kept = Assert.Single(await ClaimsAsync(store));
        Assert.Equal(boom.Hash, kept.Key);

        var second = await JugEngine.ExecuteAsync(graph, store, Options);
        Assert.Equal((1, 0), (second.FailedElsewhere, second.Executed));
        Assert.False(second.Succeeded);
        Assert.Equal(1, Work.CallsOf(tag));

        Assert.True(await store.BreakClaimAsync(boom.Hash));
        var third = await JugEngine.ExecuteAsync(graph, store, Options);
        Assert.Single(third.Failures);
        Assert.Equal(2, Work.CallsOf(tag));
        Assert.Empty(await ClaimsAsync(store));
    }

    [Fact]
    public async Task Nr_wait_cycles_gives_up_on_a_task_held_by_a_live_process()
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> leaf = null!;
        var graph = Build(() => leaf = Task(Work.Leaf, tag, 7));
        await using var store = TestStores.File(_jugdir.FullName);
        Assert.True(await store.TryClaimAsync(leaf.Hash, "alive", TimeSpan.FromMinutes(5)));

        var summary = await JugEngine.ExecuteAsync(graph, store, Options with { WaitCycles = 3 });

        Assert.Equal(StopReason.GaveUpWaiting, summary.StopReason);
        Assert.Equal(1, summary.NotRun);
        Assert.Equal(0, Work.CallsOf(tag));
    }

    internal static async Task<List<ClaimInfo>> ClaimsAsync(IJugStore store)
    {
        var claims = new List<ClaimInfo>();
        await foreach (var claim in store.ListClaimsAsync())
        {
            claims.Add(claim);
        }

        return claims;
    }
}
