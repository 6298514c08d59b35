using Jug.Cloud.Cli.Shell;
using Jug.Cloud.Client;
using Jug.Cloud.Encoding;
using Jug.Cloud.Stores.Memory;

namespace Jug.Cloud.Cli.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class ShellTests
{
    private readonly SmallGraph _graph = new();
    private readonly MemoryJugStore _store = new();

    private ShellGlobals Globals => new(_graph.Graph, _store);

    [Fact]
    public async Task Value_takes_a_task_a_full_hash_or_a_unique_prefix()
    {
        await _store.PutAsync(_graph.Combine.Hash, ResultCodec.Encode(5));

        Assert.Equal(5, Globals.Value(_graph.Combine));
        Assert.Equal(5, Globals.Value<int>(_graph.Combine.Hash.ToString()));
        Assert.Equal(5, Globals.Value(_graph.Combine.Hash.ToString()[..12]));
        Assert.Throws<InvalidOperationException>(() => Globals.Value(_graph.Final));
        Assert.Throws<ArgumentException>(() => Globals.Value("zz"));
    }

    [Fact]
    public async Task Filtered_tasks_by_pattern_and_by_state()
    {
        await SmallGraph.MarkDoneAsync(_store, [.. _graph.Leaves]);
        await _store.PutFailureAsync(SmallGraph.Failure(_graph.Other));

        Assert.Equal(3, Globals.GetFilteredTasks("Leaf").Count);
        Assert.Equal(_graph.Leaves, Globals.GetFilteredTasks(loadable: true));
        Assert.Equal([_graph.Other], Globals.GetFilteredTasks(failed: true));
        Assert.Equal([_graph.Combine], Globals.GetFilteredTasks(available: true));
        Assert.Equal(_graph.Graph.Count, Globals.GetFilteredTasks().Count);
    }

    [Fact]
    public async Task Invalidating_a_task_removes_it_and_everything_downstream()
    {
        await SmallGraph.MarkDoneAsync(_store, [.. _graph.Graph.Tasks]);

        Assert.Equal(2, Globals.Invalidate(_graph.Combine));

        var status = await GraphStatus.ComputeAsync(_graph.Graph, _store);
        Assert.Equal(4, status.Total.Done);
        Assert.Throws<ArgumentException>(() => Globals.Invalidate("NoSuchTask"));
    }

    [Theory]
    [InlineData(null, "null")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData(1.5, "1.5")]
    [InlineData(true, "true")]
    public void Values_print_as_csharp_literals(object? value, string printed)
    {
        Assert.Equal(printed, ResultFormatter.Format(value));
    }

    [Fact]
    public void Sequences_and_dictionaries_print_their_items()
    {
        Assert.Equal("[1, 2, 3]", ResultFormatter.Format(new[] { 1, 2, 3 }));
        Assert.Equal("{ \"a\": 1 }", ResultFormatter.Format(new Dictionary<string, int> { ["a"] = 1 }));
        Assert.EndsWith(", … 50 more]", ResultFormatter.Format(Enumerable.Range(0, 100).ToArray()));
    }

    [Fact]
    public void Complete_submissions_are_told_from_unfinished_ones()
    {
        Assert.True(ShellSession.IsComplete("1 + 2"));
        Assert.True(ShellSession.IsComplete("var x = 1;"));
        Assert.False(ShellSession.IsComplete("for (var i = 0; i < 2; i++)\n{"));
        Assert.False(ShellSession.IsComplete("\"open"));
    }
}
