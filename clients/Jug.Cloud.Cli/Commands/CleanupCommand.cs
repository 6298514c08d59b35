using System.CommandLine;
using Jug.Cloud.Client;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>cleanup</c>: remove stored results the jugfile no longer refers to.</summary>
internal static class CleanupCommand
{
    public static Command Create()
    {
        var jugfile = CommonOptions.Jugfile();
        var arguments = CommonOptions.JugfileArguments();
        var command = new Command("cleanup", "Remove stored results that no task of the jugfile refers to.") { jugfile, arguments };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            await using var session = await JugfileSession.OpenAsync(parse, jugfile, arguments, cancellationToken);
            var removed = await GraphOperations.CleanupAsync(session.Graph, session.Store, cancellationToken);
            Console.WriteLine(removed == 1 ? "Removed 1 result no task refers to." : $"Removed {removed} results no task refers to.");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
