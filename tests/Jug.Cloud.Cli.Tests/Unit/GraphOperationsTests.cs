using Jug.Cloud.Client;
using Jug.Cloud.Stores.Memory;

namespace Jug.Cloud.Cli.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class GraphOperationsTests
{
    private readonly SmallGraph _graph = new();
    private readonly MemoryJugStore _store = new();

    [Fact]
    public async Task Invalidate_removes_the_matching_tasks_and_everything_downstream()
    {
        await SmallGraph.MarkDoneAsync(_store, [.. _graph.Graph.Tasks]);

        var result = await GraphOperations.InvalidateAsync(_graph.Graph, _store, TaskPattern.Parse("Steps.Combine"));

        Assert.Equal(new InvalidateResult(Matched: 1, Affected: 2, Removed: 2), result);
        var exists = await _store.ExistsAsync([.. _graph.Graph.Tasks.Select(t => t.Hash)]);
        Assert.Equal([true, true, true, false, false, true], exists);
    }

    [Fact]
    public async Task Invalidating_a_leaf_reaches_the_end_of_the_graph()
    {
        await SmallGraph.MarkDoneAsync(_store, [.. _graph.Graph.Tasks]);

        var result = await GraphOperations.InvalidateAsync(_graph.Graph, _store, TaskPattern.Parse("Leaf"));

        Assert.Equal(new InvalidateResult(Matched: 3, Affected: 5, Removed: 5), result);
        var exists = await _store.ExistsAsync([.. _graph.Graph.Tasks.Select(t => t.Hash)]);
        Assert.Equal([false, false, false, false, false, true], exists);
    }

    [Fact]
    public async Task Invalidate_counts_only_results_that_were_stored_and_clears_failures()
    {
        await SmallGraph.MarkDoneAsync(_store, [.. _graph.Leaves]);
        await _store.PutFailureAsync(SmallGraph.Failure(_graph.Combine));

        var result = await GraphOperations.InvalidateAsync(_graph.Graph, _store, TaskPattern.Parse("/Combine|Final/"));

        Assert.Equal(new InvalidateResult(Matched: 2, Affected: 2, Removed: 0), result);
        Assert.Null(await _store.GetFailureAsync(_graph.Combine.Hash));
    }

    [Fact]
    public async Task A_pattern_that_matches_no_task_touches_nothing()
    {
        await SmallGraph.MarkDoneAsync(_store, [.. _graph.Graph.Tasks]);

        var result = await GraphOperations.InvalidateAsync(_graph.Graph, _store, TaskPattern.Parse("NoSuchTask"));

        Assert.True(result.MatchedNothing);
        Assert.All(await _store.ExistsAsync([.. _graph.Graph.Tasks.Select(t => t.Hash)]), Assert.True);
    }

    [Fact]
    public async Task Cleanup_removes_only_results_and_failures_no_task_refers_to()
    {
        await SmallGraph.MarkDoneAsync(_store, [.. _graph.Graph.Tasks]);
        var stale = Enumerable.Range(1, 5).Select(i => SmallGraph.Unreferenced((byte)i)).ToArray();
        foreach (var key in stale)
        {
            await _store.PutAsync(key, Encoding.ResultCodec.Encode(1));
        }

        var staleFailure = SmallGraph.Unreferenced(99);
        await _store.PutFailureAsync(SmallGraph.Failure(_graph.Other) with { Key = staleFailure });
        await _store.PutFailureAsync(SmallGraph.Failure(_graph.Final));

        var removed = await GraphOperations.CleanupAsync(_graph.Graph, _store);

        Assert.Equal(5, removed);
        Assert.All(await _store.ExistsAsync([.. _graph.Graph.Tasks.Select(t => t.Hash)]), Assert.True);
        Assert.All(await _store.ExistsAsync(stale), Assert.False);
        Assert.Null(await _store.GetFailureAsync(staleFailure));
        Assert.NotNull(await _store.GetFailureAsync(_graph.Final.Hash));
        Assert.Equal(0, await GraphOperations.CleanupAsync(_graph.Graph, _store));
    }
}
