using Jug.Cloud.Client;

namespace Jug.Cloud.Cli.Output;

/// <summary>The lines <c>execute</c> ends with: the failures (on stderr), then one summary line.</summary>
internal static class SummaryPrinter
{
    private const int MaxFailuresShown = 20;

    public static void Print(ExecutionSummary summary)
    {
        if (summary.Executed == 0 && summary.Failures.Count == 0 && summary.NotRun == 0 && summary.FailedElsewhere == 0 && summary.DoneElsewhere == 0)
        {
            Console.WriteLine($"Nothing to do: all {summary.Total} tasks are already done.");
            return;
        }

        foreach (var failure in summary.Failures.Take(MaxFailuresShown))
        {
            Console.Error.WriteLine($"FAILED {failure.TaskName} {failure.Key.ToShortString()} (attempt {failure.Attempt}): {failure.ExceptionType}: {failure.Message.ReplaceLineEndings(" ")}");
        }

        if (summary.Failures.Count > MaxFailuresShown)
        {
            Console.Error.WriteLine($"... and {summary.Failures.Count - MaxFailuresShown} more failures (status --failed lists them all).");
        }

        var stop = summary.StopReason switch
        {
            StopReason.Cancelled => "Interrupted: running tasks finished and were stored; the rest did not start.",
            StopReason.StopFile => "Stopped: found the stop file __jug_please_stop_running.txt (delete it to run again).",
            StopReason.GaveUpWaiting => "Gave up waiting for tasks another process holds (--nr-wait-cycles).",
            _ => null,
        };
        if (stop is not null)
        {
            Console.Error.WriteLine(stop);
        }

        var elsewhere = summary.DoneElsewhere > 0 ? $", {summary.DoneElsewhere} done by other processes" : "";
        var failedElsewhere = summary.FailedElsewhere > 0 ? $", {summary.FailedElsewhere} failed elsewhere and kept" : "";
        var notRun = summary.NotRun > 0 ? $", {summary.NotRun} not run" : "";
        Console.WriteLine(
            $"Executed {summary.Executed} tasks ({summary.AlreadyDone} already done{elsewhere}, {summary.Failures.Count} failed{failedElsewhere}{notRun}) in {summary.Elapsed.TotalSeconds:0.0} s.");
    }

    /// <summary>One line on stderr for the tasks a barrier ran, so stdout keeps the final summary.</summary>
    public static void PrintBarrierRun(ExecutionSummary summary) =>
        Console.Error.WriteLine(
            $"Barrier: ran {summary.Executed} tasks ({summary.AlreadyDone} already done, {summary.Failures.Count} failed) in {summary.Elapsed.TotalSeconds:0.0} s; continuing the jugfile.");
}
