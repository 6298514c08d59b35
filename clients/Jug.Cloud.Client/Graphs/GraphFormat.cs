namespace Jug.Cloud.Client;

/// <summary>The text formats a <see cref="GraphDiagram"/> can be written in.</summary>
public enum GraphFormat
{
    /// <summary>Graphviz DOT (<c>dot -Tsvg</c> renders it).</summary>
    Dot,

    /// <summary>A Mermaid flowchart (GitHub and many Markdown viewers render it).</summary>
    Mermaid,
}
