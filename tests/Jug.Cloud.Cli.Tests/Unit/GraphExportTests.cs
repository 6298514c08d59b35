using Jug.Cloud.Client;
using Jug.Cloud.Stores.Memory;

namespace Jug.Cloud.Cli.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class GraphExportTests
{
    private const string Prefix = "Jug.Cloud.Cli.Tests.Unit.Steps.";
    private readonly SmallGraph _graph = new();
    private readonly MemoryJugStore _store = new();

    [Fact]
    public async Task Per_task_diagram_has_every_task_and_dependency_with_its_state()
    {
        await SmallGraph.MarkDoneAsync(_store, [.. _graph.Leaves]);
        await _store.PutFailureAsync(SmallGraph.Failure(_graph.Other));

        var diagram = GraphDiagramBuilder.Build(_graph.Graph, await GraphStatus.ComputeAsync(_graph.Graph, _store), GraphGrouping.Tasks);

        Assert.False(diagram.Grouped);
        Assert.Equal(6, diagram.Nodes.Count);
        Assert.Equal(4, diagram.Edges.Count);
        Assert.All(diagram.Edges, e => Assert.Equal(1, e.Count));
        Assert.Equal([TaskState.Done, TaskState.Done, TaskState.Done, TaskState.Ready, TaskState.Waiting, TaskState.Failed], diagram.Nodes.Select(n => n.State));
        var combine = diagram.Nodes.Single(n => n.Hash == _graph.Combine.Hash);
        Assert.Equal(3, diagram.Edges.Count(e => e.To == combine.Id));
    }

    [Fact]
    public async Task Grouped_diagram_has_one_node_per_name_and_counted_edges()
    {
        await SmallGraph.MarkDoneAsync(_store, _graph.Leaves[0]);

        var diagram = GraphDiagramBuilder.Build(_graph.Graph, await GraphStatus.ComputeAsync(_graph.Graph, _store), GraphGrouping.Names);

        Assert.True(diagram.Grouped);
        Assert.Equal([Prefix + "Leaf", Prefix + "Combine", Prefix + "Final", Prefix + "Other"], diagram.Nodes.Select(n => n.Name));
        var leaf = diagram.Nodes[0];
        Assert.Equal(new StatusRow(Prefix + "Leaf", 0, 2, 0, 1, 0), leaf.Counts);
        Assert.Equal(TaskState.Ready, leaf.State);
        Assert.Equal([("g0", "g1", 3), ("g1", "g2", 1)], diagram.Edges.Select(e => (e.From, e.To, e.Count)));
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void Auto_groups_only_above_the_threshold(int threshold, bool grouped)
    {
        Assert.Equal(grouped, GraphDiagramBuilder.Build(_graph.Graph, null, GraphGrouping.Auto, threshold).Grouped);
    }

    [Fact]
    public async Task Dot_output_colours_nodes_by_state_and_labels_grouped_edges()
    {
        await SmallGraph.MarkDoneAsync(_store, [.. _graph.Leaves]);
        using var text = new StringWriter();

        await GraphExport.WriteAsync(_graph.Graph, _store, new GraphExportOptions { Grouping = GraphGrouping.Names }, text);

        var dot = text.ToString();
        Assert.StartsWith("digraph jug {", dot);
        Assert.Contains($"g0 [label=\"{Prefix}Leaf\\n3 tasks: 3 done\", fillcolor=\"{StateColors.Of(TaskState.Done)}\"", dot);
        Assert.Contains($"g1 [label=\"{Prefix}Combine\\n1 task: 1 ready\", fillcolor=\"{StateColors.Of(TaskState.Ready)}\"", dot);
        Assert.Contains("g0 -> g1 [label=\"3\"];", dot);
        Assert.EndsWith("}" + Environment.NewLine, dot);
    }

    [Fact]
    public async Task Mermaid_output_has_classes_per_state_and_no_status_when_asked()
    {
        using var coloured = new StringWriter();
        await GraphExport.WriteAsync(_graph.Graph, _store, new GraphExportOptions { Format = GraphFormat.Mermaid, Grouping = GraphGrouping.Tasks }, coloured);
        var mermaid = coloured.ToString();
        Assert.StartsWith("flowchart TD", mermaid);
        Assert.Contains($"t0[\"{Prefix}Leaf<br/>{_graph.Leaves[0].Hash.ToShortString(8)}\"]:::ready", mermaid);
        Assert.Contains("t0 --> t3", mermaid);
        Assert.Contains("classDef failed fill:#e8453c", mermaid);

        using var plain = new StringWriter();
        await GraphExport.WriteAsync(_graph.Graph, _store, new GraphExportOptions { Format = GraphFormat.Mermaid, IncludeStatus = false }, plain);
        Assert.DoesNotContain(":::", plain.ToString());
        Assert.DoesNotContain("classDef", plain.ToString());
    }

    [Fact]
    public void Labels_are_escaped()
    {
        var odd = new DiagramNode("g0", "List<int> \"x\" #1 a\\b", null, new StatusRow("n", 0, 0, 0, 1, 0));
        var diagram = new GraphDiagram([odd], [], Grouped: true, HasStatus: false);
        using var dot = new StringWriter();
        using var mermaid = new StringWriter();

        GraphExport.Write(diagram, GraphFormat.Dot, dot);
        GraphExport.Write(diagram, GraphFormat.Mermaid, mermaid);

        Assert.Contains("g0 [label=\"List<int> \\\"x\\\" #1 a\\\\b\\n1 task\"];", dot.ToString());
        Assert.Contains("g0[\"List#lt;int#gt; #quot;x#quot; #35;1 a\\b<br/>1 task\"]", mermaid.ToString());
    }
}
