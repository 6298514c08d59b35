using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>How <see cref="GraphExport"/> draws a graph.</summary>
public sealed record GraphExportOptions
{
    /// <summary>DOT (default) or Mermaid.</summary>
    public GraphFormat Format { get; init; } = GraphFormat.Dot;

    /// <summary>Every task, one node per name, or decided by <see cref="GroupThreshold"/> (default).</summary>
    public GraphGrouping Grouping { get; init; } = GraphGrouping.Auto;

    /// <summary>With <see cref="GraphGrouping.Auto"/>, group when the graph has more tasks than this.</summary>
    public int GroupThreshold { get; init; } = GraphDiagramBuilder.DefaultGroupThreshold;

    /// <summary>Colour nodes by their state in the store (default); false reads nothing from the store.</summary>
    public bool IncludeStatus { get; init; } = true;
}

/// <summary>Draws a task graph, coloured by the state of its tasks in a store: what <c>jugcloud graph</c> prints.</summary>
public static class GraphExport
{
    /// <summary>Builds the diagram of <paramref name="graph"/> (reading states from <paramref name="store"/>) and writes it.</summary>
    /// <returns>The diagram written.</returns>
    public static async Task<GraphDiagram> WriteAsync(TaskGraph graph, IJugStore store, GraphExportOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var status = options.IncludeStatus ? await GraphStatus.ComputeAsync(graph, store, cancellationToken) : null;
        var diagram = GraphDiagramBuilder.Build(graph, status, options.Grouping, options.GroupThreshold);
        Write(diagram, options.Format, output);
        return diagram;
    }

    /// <summary>Writes <paramref name="diagram"/> in <paramref name="format"/>.</summary>
    public static void Write(GraphDiagram diagram, GraphFormat format, TextWriter output)
    {
        switch (format)
        {
            case GraphFormat.Dot:
                DotWriter.Write(diagram, output);
                break;
            case GraphFormat.Mermaid:
                MermaidWriter.Write(diagram, output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }
}
