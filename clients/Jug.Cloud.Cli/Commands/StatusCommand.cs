using System.CommandLine;
using Jug.Cloud.Cli.Output;
using Jug.Cloud.Client;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>status</c>: Jug's table of tasks by name and state.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var jugfile = CommonOptions.Jugfile();
        var arguments = CommonOptions.JugfileArguments();
        var brief = new Option<bool>("--short") { Description = "One line of totals." };
        var json = new Option<bool>("--json") { Description = "Machine-readable output." };
        var command = new Command("status", "Show tasks by name: Waiting, Ready, Running, Done, Failed.") { jugfile, arguments, brief, json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            await using var session = await JugfileSession.OpenAsync(parse, jugfile, arguments, cancellationToken);
            var report = await GraphStatus.ComputeAsync(session.Graph, session.Store, cancellationToken);
            if (parse.GetValue(json))
            {
                StatusPrinter.PrintJson(report);
            }
            else if (parse.GetValue(brief))
            {
                StatusPrinter.PrintShort(report);
            }
            else
            {
                StatusPrinter.PrintTable(report);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
