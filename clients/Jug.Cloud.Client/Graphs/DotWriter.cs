using System.Text;

namespace Jug.Cloud.Client;

/// <summary>Writes a <see cref="GraphDiagram"/> as Graphviz DOT.</summary>
public static class DotWriter
{
    /// <summary>Writes <paramref name="diagram"/> to <paramref name="output"/>.</summary>
    public static void Write(GraphDiagram diagram, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("digraph jug {");
        if (diagram.HasStatus)
        {
            output.WriteLine("    // " + string.Join(", ", Enum.GetValues<TaskState>().Select(s => $"{StateColors.NameOf(s)} {StateColors.Of(s)}")));
        }

        output.WriteLine($"    node [shape=box, style=\"{(diagram.HasStatus ? "rounded,filled" : "rounded")}\", fontname=\"Helvetica\"];");
        foreach (var node in diagram.Nodes)
        {
            var label = Quote(node.Name + "\n" + DiagramText.Detail(node, diagram.HasStatus));
            output.WriteLine(diagram.HasStatus
                ? $"    {node.Id} [label={label}, fillcolor=\"{StateColors.Of(node.State)}\", tooltip=\"{StateColors.NameOf(node.State)}\"];"
                : $"    {node.Id} [label={label}];");
        }

        foreach (var edge in diagram.Edges)
        {
            output.WriteLine(diagram.Grouped
                ? $"    {edge.From} -> {edge.To} [label=\"{DiagramText.Count(edge.Count)}\"];"
                : $"    {edge.From} -> {edge.To};");
        }

        output.WriteLine("}");
    }

    /// <summary>A DOT double-quoted string: backslashes and quotes escaped, line breaks as <c>\n</c>.</summary>
    private static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                '\r' => quoted,
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}
