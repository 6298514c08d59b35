using System.Threading.Channels;
using Jug.Cloud.Encoding;
using Jug.Cloud.Graph;
using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Workers;
using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using static Jug.Cloud.Jug;
using static Jug.Cloud.Runtime.Tests.EngineTests;

namespace Jug.Cloud.Runtime.Tests.Parts;

/// <summary>
/// The slot that takes a reissued task reads its result first: a whole result means the silent
/// worker stored it (done, not run again); a result the worker died writing is not a result.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ReissuedSlotTests
{
    private static async Task<SlotResult> RunOneAsync(IJugStore store, WorkItem item)
    {
        var results = Channel.CreateUnbounded<SlotResult>();
        var options = new WorkerPoolOptions { Slots = 1, ResultCacheBytes = 0 };
        using var prefetch = new PrefetchController(options.Slots, options.PrefetchPerSlot, options.PrefetchHorizon, options.MaxBatch);
        using var slots = new SlotRunner(new TaskRunner(store, new ResultCache(0)), store, null, prefetch, results.Writer, new PoolStopSignal(), options, NullLogger.Instance);
        var threads = slots.Start();
        slots.Add(item);
        slots.CompleteAdding();
        var result = await results.Reader.ReadAsync();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        return result;
    }

    private static (TaskNode Node, string Tag) Leaf()
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> leaf = null!;
        var graph = Build(() => leaf = Task(Work.Leaf, tag, 7));
        return (graph.Find(leaf.Hash)!, tag);
    }

    [Fact]
    public async Task A_reissued_task_whose_result_reads_back_whole_is_done_elsewhere_and_not_run()
    {
        var (node, tag) = Leaf();
        await using var store = TestStores.Memory();
        await store.PutAsync(node.Hash, ResultCodec.Encode(7L));

        var result = await RunOneAsync(store, new WorkItem(node, 1, Reissued: true));

        Assert.Null(result.Ran);
        Assert.Equal(OutcomeKind.DoneElsewhere, result.Outcome?.Kind);
        Assert.Equal(0, Work.CallsOf(tag));
    }

    [Fact]
    public async Task A_reissued_task_whose_result_was_left_half_written_runs_again()
    {
        var (node, tag) = Leaf();
        await using var store = TestStores.Memory();
        var whole = ResultCodec.Encode(7L);
        // What an upload cut off half-way leaves on a store that does not write atomically.
        await store.PutAsync(node.Hash, whole.AsMemory(0, whole.Length / 2));

        var result = await RunOneAsync(store, new WorkItem(node, 1, Reissued: true));

        Assert.Null(result.Outcome);
        Assert.NotNull(result.Ran);
        Assert.Null(result.Ran.Error);
        Assert.Equal(1, Work.CallsOf(tag));
    }

    [Fact]
    public async Task A_task_that_was_not_reissued_runs_without_asking_the_store()
    {
        var (node, tag) = Leaf();
        await using var store = TestStores.Memory();
        await store.PutAsync(node.Hash, ResultCodec.Encode(7L));

        var result = await RunOneAsync(store, new WorkItem(node, 1));

        Assert.NotNull(result.Ran);
        Assert.Equal(1, Work.CallsOf(tag));
    }
}
