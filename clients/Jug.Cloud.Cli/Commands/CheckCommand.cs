using System.CommandLine;
using Jug.Cloud.Client;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>check</c>: exit 0 if every task is done, 1 otherwise.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var jugfile = CommonOptions.Jugfile();
        var arguments = CommonOptions.JugfileArguments();
        var command = new Command("check", "Exit 0 if every task is done, 1 otherwise.") { jugfile, arguments };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            await using var session = await JugfileSession.OpenAsync(parse, jugfile, arguments, cancellationToken);
            var report = await GraphStatus.ComputeAsync(session.Graph, session.Store, cancellationToken);
            var total = report.Total;
            Console.WriteLine(report.AllDone ? $"All {total.Total} tasks are done." : $"{total.Done} of {total.Total} tasks are done.");
            return report.AllDone ? ExitCodes.Success : ExitCodes.NotDone;
        }, cancellationToken));
        return command;
    }
}
