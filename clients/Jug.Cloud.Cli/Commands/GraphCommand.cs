using System.CommandLine;
using Jug.Cloud.Client;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>graph</c>: the task graph as DOT or Mermaid, coloured by state.</summary>
internal static class GraphCommand
{
    public static Command Create()
    {
        var jugfile = CommonOptions.Jugfile();
        var arguments = CommonOptions.JugfileArguments();
        var format = new Option<GraphFormat?>("--format") { Description = "dot or mermaid (default: mermaid for an -o file ending .mmd or .mermaid, dot otherwise)." };

        // Without this, an enum option also takes numbers ("--format -1") as values no format has.
        format.AcceptOnlyFromAmong("dot", "mermaid");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var group = new Option<bool>("--group") { Description = "One node per task name, with counts per state, whatever the graph's size." };
        var noGroup = new Option<bool>("--no-group") { Description = "One node per task, whatever the graph's size." };
        var noStatus = new Option<bool>("--no-status") { Description = "Leave out the states from the store (as Jug's --no-status)." };
        var command = new Command("graph", $"Print the task graph as DOT or Mermaid, nodes coloured by state; above {GraphDiagramBuilder.DefaultGroupThreshold} tasks, one node per task name.")
        {
            jugfile, arguments, format, output, group, noGroup, noStatus,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            if (parse.GetValue(group) && parse.GetValue(noGroup))
            {
                throw new ArgumentException("--group and --no-group exclude each other.");
            }

            var path = parse.GetValue(output);
            var options = new GraphExportOptions
            {
                Format = parse.GetValue(format) ?? FormatOf(path),
                Grouping = parse.GetValue(group) ? GraphGrouping.Names : parse.GetValue(noGroup) ? GraphGrouping.Tasks : GraphGrouping.Auto,
                IncludeStatus = !parse.GetValue(noStatus),
            };
            await using var session = await JugfileSession.OpenAsync(parse, jugfile, arguments, cancellationToken);
            if (path is null)
            {
                await GraphExport.WriteAsync(session.Graph, session.Store, options, Console.Out, cancellationToken);
                return ExitCodes.Success;
            }

            GraphDiagram diagram;
            await using (var writer = new StreamWriter(path))
            {
                diagram = await GraphExport.WriteAsync(session.Graph, session.Store, options, writer, cancellationToken);
            }

            var nodes = diagram.Grouped ? $"{diagram.Nodes.Count} task names" : $"{diagram.Nodes.Count} tasks";
            Console.WriteLine($"Wrote the graph ({nodes}) to {path}.");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static GraphFormat FormatOf(string? path) =>
        path is not null && (path.EndsWith(".mmd", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".mermaid", StringComparison.OrdinalIgnoreCase))
            ? GraphFormat.Mermaid
            : GraphFormat.Dot;
}
