using System.CommandLine;
using Jug.Cloud.Cli.Output;
using Jug.Cloud.Client;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>execute</c>: run every task whose result is not stored yet.</summary>
internal static class ExecuteCommand
{
    public static Command Create()
    {
        var jugfile = CommonOptions.Jugfile();
        var arguments = CommonOptions.JugfileArguments();
        var jobs = new Option<int>("--jobs", "-j") { Description = "Worker slots (default: the processor count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var target = CommonOptions.Target(required: false);
        var keepGoing = new Option<bool>("--keep-going") { Description = "Keep starting tasks after one fails." };
        var command = new Command("execute", "Run every task whose result is not stored yet.") { jugfile, arguments, jobs, target, keepGoing };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            if (parse.GetValue(jobs) < 1)
            {
                throw new ArgumentException("-j must be at least 1.");
            }

            var pattern = parse.GetValue(target) is { } text ? TaskPattern.Parse(text) : null;
            await using var session = await JugfileSession.OpenAsync(parse, jugfile, arguments, cancellationToken);
            if (pattern is not null && !session.Graph.Tasks.Any(t => pattern.Matches(t.Name)))
            {
                throw new ArgumentException($"No task matches --target '{pattern}'.");
            }

            var options = new ExecuteOptions
            {
                Jobs = parse.GetValue(jobs),
                Target = pattern,
                KeepGoing = parse.GetValue(keepGoing),
                LogLevel = parse.GetValue(CommonOptions.Verbose) ? LogLevel.Information : LogLevel.Warning,
            };
            var summary = await ProgressDisplay.RunAsync(progress =>
                JugEngine.ExecuteAsync(session.Graph, session.Store, options, progress, cancellationToken));
            SummaryPrinter.Print(summary);
            return summary.Succeeded ? ExitCodes.Success : ExitCodes.NotDone;
        }, cancellationToken));
        return command;
    }
}
