using System.CommandLine;
using Jug.Cloud.Cli.Output;
using Jug.Cloud.Client;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>count</c>: Jug's count of tasks per name, without reading results.</summary>
internal static class CountCommand
{
    public static Command Create()
    {
        var jugfile = CommonOptions.Jugfile();
        var arguments = CommonOptions.JugfileArguments();
        var brief = new Option<bool>("--short") { Description = "One line: tasks and task names." };
        var json = new Option<bool>("--json") { Description = "Machine-readable output." };
        var command = new Command("count", "Count the tasks of each name (the store is not read).") { jugfile, arguments, brief, json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            await using var session = await JugfileSession.OpenAsync(parse, jugfile, arguments, cancellationToken);
            var counts = TaskCounts.Of(session.Graph);
            if (parse.GetValue(json))
            {
                CountPrinter.PrintJson(counts);
            }
            else if (parse.GetValue(brief))
            {
                CountPrinter.PrintShort(counts);
            }
            else
            {
                CountPrinter.PrintTable(counts);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
