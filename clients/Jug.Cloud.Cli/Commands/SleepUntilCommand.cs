using System.CommandLine;
using System.Globalization;
using Jug.Cloud.Client;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>sleep-until</c>: wait until every task is done, checking the store once per cycle.</summary>
internal static class SleepUntilCommand
{
    public static Command Create()
    {
        var jugfile = CommonOptions.Jugfile();
        var arguments = CommonOptions.JugfileArguments();
        var cycle = new Option<double>("--wait-cycle-time")
        {
            Description = "Seconds between checks of the store.",
            DefaultValueFactory = _ => WaitOptions.DefaultCycleTime.TotalSeconds,
        };
        var timeout = new Option<double?>("--timeout") { Description = "Give up (exit 1) after this many seconds; default: wait for ever." };
        var command = new Command("sleep-until", "Wait until every task is done; exit 1 if one failed and nothing is running any more.")
        {
            jugfile, arguments, cycle, timeout,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            var options = new WaitOptions
            {
                CycleTime = OptionValues.Seconds(parse.GetValue(cycle), "--wait-cycle-time"),
                Timeout = parse.GetValue(timeout) is { } limit ? OptionValues.Seconds(limit, "--timeout") : null,
            };
            await using var session = await JugfileSession.OpenAsync(parse, jugfile, arguments, cancellationToken);
            var result = await GraphWaiter.WaitUntilDoneAsync(session.Graph, session.Store, options, cancellationToken: cancellationToken);
            var total = result.Status.Total;
            switch (result.Outcome)
            {
                case WaitOutcome.AllDone:
                    Console.WriteLine($"All {total.Total} tasks are done.");
                    return ExitCodes.Success;
                case WaitOutcome.Failed:
                    var failure = result.Status.Failures[0];
                    var others = total.Failed > 1 ? $" (and {total.Failed - 1} more failed)" : "";
                    await Console.Error.WriteLineAsync(
                        $"jugcloud: {failure.TaskName} {failure.Key.ToShortString()} failed{others} and nothing is running: {total.Done} of {total.Total} tasks are done. {failure.ExceptionType}: {failure.Message.ReplaceLineEndings(" ")}");
                    return ExitCodes.NotDone;
                default:
                    await Console.Error.WriteLineAsync(
                        $"jugcloud: timed out after {result.Elapsed.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s: {total.Done} of {total.Total} tasks are done.");
                    return ExitCodes.NotDone;
            }
        }, cancellationToken));
        return command;
    }
}
