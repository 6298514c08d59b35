using System.CommandLine;
using Jug.Cloud.Client;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>invalidate</c>: remove the results of matching tasks and everything downstream.</summary>
internal static class InvalidateCommand
{
    public static Command Create()
    {
        var jugfile = CommonOptions.Jugfile();
        var arguments = CommonOptions.JugfileArguments();
        var target = CommonOptions.Target(required: true);
        var command = new Command("invalidate", "Remove the results of matching tasks and of everything downstream of them.") { jugfile, arguments, target };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            var pattern = TaskPattern.Parse(parse.GetValue(target)!);
            await using var session = await JugfileSession.OpenAsync(parse, jugfile, arguments, cancellationToken);
            var result = await GraphOperations.InvalidateAsync(session.Graph, session.Store, pattern, cancellationToken);
            if (result.MatchedNothing)
            {
                throw new ArgumentException($"No task matches --target '{pattern}'.");
            }

            Console.WriteLine(
                $"Invalidated {Count(result.Removed, "result")} ({Count(result.Matched, "matching task")}, {result.Affected} with everything downstream).");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
