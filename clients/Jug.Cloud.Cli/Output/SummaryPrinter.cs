using Jug.Cloud.Client;

namespace Jug.Cloud.Cli.Output;

/// <summary>The lines <c>execute</c> ends with: the failures (on stderr), then one summary line.</summary>
internal static class SummaryPrinter
{
    private const int MaxFailuresShown = 20;

    public static void Print(ExecutionSummary summary)
    {
        if (summary.Executed == 0 && summary.Failures.Count == 0 && summary.NotRun == 0)
        {
            Console.WriteLine($"Nothing to do: all {summary.Total} tasks are already done.");
            return;
        }

        foreach (var failure in summary.Failures.Take(MaxFailuresShown))
        {
            Console.Error.WriteLine($"FAILED {failure.TaskName} {failure.Key.ToShortString()}: {failure.ExceptionType}: {failure.Message.ReplaceLineEndings(" ")}");
        }

        if (summary.Failures.Count > MaxFailuresShown)
        {
            Console.Error.WriteLine($"... and {summary.Failures.Count - MaxFailuresShown} more failures (status --json lists them all).");
        }

        var notRun = summary.NotRun > 0 ? $", {summary.NotRun} not run" : "";
        Console.WriteLine(
            $"Executed {summary.Executed} tasks ({summary.AlreadyDone} already done, {summary.Failures.Count} failed{notRun}) in {summary.Elapsed.TotalSeconds:0.0} s.");
    }
}
