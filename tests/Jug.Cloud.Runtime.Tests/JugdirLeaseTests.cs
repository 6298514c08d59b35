using System.Diagnostics;
using Jug.Cloud.Client;
using Jug.Cloud.Graph;
using Jug.Cloud.Hashing;
using Jug.Cloud.Storage;
using static Jug.Cloud.Jug;
using static Jug.Cloud.Runtime.Tests.EngineTests;

namespace Jug.Cloud.Runtime.Tests;

/// <summary>
/// The jugdir lease: an engine alone on a jugdir runs without per-task claims (and the file store packs
/// its results); one that joins makes the first claim what it runs, and both claim from then on.
/// </summary>
[Trait("Category", "Runtime")]
public sealed class JugdirLeaseTests : IDisposable
{
    private static readonly ExecuteOptions Options = new() { Jobs = 1, RetryDelay = TimeSpan.FromMilliseconds(10), WaitCycleTime = TimeSpan.FromMilliseconds(100) };

    /// <summary>The lease's key: part of the on-disk protocol between versions, so pinned here.</summary>
    private static readonly TaskHash ExclusiveKey = CanonicalHash.OfValue("jugcloud:lease:exclusive");

    private readonly DirectoryInfo _jugdir = Directory.CreateTempSubdirectory("jug-lease-");

    private string Packs => Path.Combine(_jugdir.FullName, "results", "packs");

    public void Dispose() => _jugdir.Delete(recursive: true);

    private static TaskGraph Leaves(string tag, int count, out TaskHandle<long> total)
    {
        TaskHandle<long> sum = null!;
        var graph = Build(() => sum = Task(Work.Sum, tag, Enumerable.Range(0, count).Select(i => Task(Work.Slow, tag, i)).ToList()));
        total = sum;
        return graph;
    }

    private async Task<int> StoredAsync()
    {
        await using var store = TestStores.File(_jugdir.FullName);
        return await store.ListAsync().CountAsync();
    }

    private int ResultFiles() =>
        Directory.EnumerateDirectories(Path.Combine(_jugdir.FullName, "results"))
            .Where(d => Path.GetFileName(d) != "packs")
            .Sum(d => Directory.GetFiles(d).Length);

    [Fact]
    public async Task An_engine_alone_packs_its_results_and_leaves_no_claim_behind()
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> total = null!;
        var graph = Build(() => total = Task(Work.Sum, tag, Enumerable.Range(0, 300).Select(i => Task(Work.Leaf, tag, i)).ToList()));
        await using var store = TestStores.File(_jugdir.FullName);

        var summary = await JugEngine.ExecuteAsync(graph, store, Options with { Jobs = 2 });

        Assert.True(summary.Succeeded, summary.ToString());
        Assert.NotEmpty(Directory.GetFiles(Packs, "*.pack"));
        Assert.True(ResultFiles() < 100, $"{ResultFiles()} of 301 results written as files by an engine alone");
        Assert.Empty(await SharedStoreTests.ClaimsAsync(store));
        Assert.Equal(Enumerable.Range(0, 300).Sum(), await ValueOf<long>(TestStores.File(_jugdir.FullName), total));
    }

    [Fact]
    public async Task An_engine_joining_midway_makes_the_first_share_and_every_task_runs_once()
    {
        var tag = Guid.NewGuid().ToString();
        var graph = Leaves(tag, 120, out var total);
        await using var storeA = TestStores.File(_jugdir.FullName);
        await using var storeB = TestStores.File(_jugdir.FullName);

        var first = JugEngine.ExecuteAsync(graph, storeA, Options with { WorkerName = "a" });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await StoredAsync() < 10 && DateTime.UtcNow < deadline)
        {
            await System.Threading.Tasks.Task.Delay(20);
        }

        var second = JugEngine.ExecuteAsync(graph, storeB, Options with { WorkerName = "b" });
        var results = await System.Threading.Tasks.Task.WhenAll(first, second);

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.True(results[1].Executed > 0, $"the joining engine ran nothing: {results[1]}");
        Assert.Equal(121, results.Sum(r => r.Executed));
        Assert.Equal(121, Work.CallsOf(tag));
        Assert.Equal(121, await StoredAsync());
        Assert.Equal(Enumerable.Range(0, 120).Sum(), await ValueOf<long>(storeB, total));
        Assert.DoesNotContain(await SharedStoreTests.ClaimsAsync(storeA), c => c.Key == ExclusiveKey);
    }

    [Fact]
    public async Task The_lease_of_a_process_on_this_machine_that_died_is_broken_at_once()
    {
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await gone.WaitForExitAsync();
        var tag = Guid.NewGuid().ToString();
        var graph = Leaves(tag, 5, out _);
        await using var store = TestStores.File(_jugdir.FullName);
        Assert.True(await store.TryClaimAsync(ExclusiveKey, $"{Environment.MachineName}/{gone.Id}/dead:1/run", TimeSpan.FromMinutes(10)));

        var clock = Stopwatch.StartNew();
        var summary = await JugEngine.ExecuteAsync(graph, store, Options);

        Assert.True(summary.Succeeded, summary.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"waited {clock.Elapsed} for a dead process's lease");
        Assert.Empty(await SharedStoreTests.ClaimsAsync(store));
    }

    [Fact]
    public async Task The_lease_of_a_process_elsewhere_is_waited_for_until_it_lapses()
    {
        var tag = Guid.NewGuid().ToString();
        var graph = Leaves(tag, 5, out _);
        await using var store = TestStores.File(_jugdir.FullName);
        Assert.True(await store.TryClaimAsync(ExclusiveKey, "another-machine/1/worker/run", TimeSpan.FromSeconds(2)));

        var summary = await JugEngine.ExecuteAsync(graph, store, Options);

        Assert.True(summary.Succeeded, summary.ToString());
        Assert.True(summary.Elapsed >= TimeSpan.FromSeconds(1.5), $"ran before the other process's lease lapsed: {summary.Elapsed}");
        Assert.Equal(6, Work.CallsOf(tag));
    }
}
