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
        var failed = new Option<bool>("--failed") { Description = "List the failed tasks with their last error (--verbose adds stack traces)." };
        var command = new Command("status", "Show tasks by name: Waiting, Ready, Running, Done, Failed, and run times.") { jugfile, arguments, brief, json, failed };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            await using var session = await JugfileSession.OpenAsync(parse, jugfile, arguments, cancellationToken);
            var report = await GraphStatus.ComputeAsync(session.Graph, session.Store, cancellationToken) with
            {
                StoppedAtBarrier = session.Loaded.StoppedAtBarrier,
            };
            if (parse.GetValue(failed))
            {
                StatusPrinter.PrintFailed(report, parse.GetValue(CommonOptions.Verbose));
            }
            else if (parse.GetValue(json))
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
                StatusPrinter.PrintBarrierNote(report);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
