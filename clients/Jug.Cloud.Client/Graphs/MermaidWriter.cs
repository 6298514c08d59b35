using System.Text;

namespace Jug.Cloud.Client;

/// <summary>Writes a <see cref="GraphDiagram"/> as a Mermaid flowchart.</summary>
public static class MermaidWriter
{
    /// <summary>Writes <paramref name="diagram"/> to <paramref name="output"/>.</summary>
    public static void Write(GraphDiagram diagram, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("flowchart TD");
        foreach (var node in diagram.Nodes)
        {
            var label = $"\"{Escape(node.Name)}<br/>{Escape(DiagramText.Detail(node, diagram.HasStatus))}\"";
            output.WriteLine(diagram.HasStatus
                ? $"    {node.Id}[{label}]:::{StateColors.NameOf(node.State)}"
                : $"    {node.Id}[{label}]");
        }

        foreach (var edge in diagram.Edges)
        {
            output.WriteLine(diagram.Grouped
                ? $"    {edge.From} -->|{DiagramText.Count(edge.Count)}| {edge.To}"
                : $"    {edge.From} --> {edge.To}");
        }

        if (diagram.HasStatus)
        {
            foreach (var state in Enum.GetValues<TaskState>())
            {
                output.WriteLine($"    classDef {StateColors.NameOf(state)} fill:{StateColors.Of(state)},stroke:#555,color:#000");
            }
        }
    }

    /// <summary>Mermaid entity codes for the characters that would end or break a quoted label.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => escaped.Append("#quot;"),
                '<' => escaped.Append("#lt;"),
                '>' => escaped.Append("#gt;"),
                '#' => escaped.Append("#35;"),
                '\n' or '\r' => escaped.Append(' '),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
