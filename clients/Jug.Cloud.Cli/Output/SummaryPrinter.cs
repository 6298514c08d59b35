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
            Console.WriteLine(NothingToDo(summary.Total));
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
            $"Executed {Tasks(summary.Executed)} ({summary.AlreadyDone} already done{elsewhere}, {summary.Failures.Count} failed{failedElsewhere}{notRun}) in {summary.Elapsed.TotalSeconds:0.0} s.");
    }

    /// <summary>What <c>execute</c> and <c>submit</c> say when every task is stored already.</summary>
    public static string NothingToDo(int total) => total switch
    {
        0 => "Nothing to do: the jugfile declares no tasks.",
        1 => "Nothing to do: its only task is already done.",
        _ => $"Nothing to do: all {total} tasks are already done.",
    };

    /// <summary>
    /// One line on stderr for the tasks a barrier or a <c>BValue</c> ran, so stdout keeps the final
    /// summary. A run with failures prints nothing here: the jugfile stops there, and
    /// <see cref="PrintStoppedAt"/> tells the rest of the story.
    /// </summary>
    public static void PrintBarrierRun(BarrierRun run)
    {
        var summary = run.Summary;
        if (!summary.Succeeded)
        {
            return;
        }

        var what = run.Value is { } value ? $"BValue: ran {Tasks(summary.Executed)} for {value.Name}" : $"Barrier: ran {Tasks(summary.Executed)}";
        Console.Error.WriteLine($"{what} ({summary.AlreadyDone} already done) in {summary.Elapsed.TotalSeconds:0.0} s; continuing the jugfile.");
    }

    /// <summary>
    /// The end of an <c>execute</c> whose jugfile stopped at a barrier or a <c>BValue</c>: the run that
    /// stopped it (failures and summary), then why the rest of the jugfile was not declared.
    /// </summary>
    public static void PrintStoppedAt(BarrierRun? run)
    {
        if (run is not null)
        {
            Print(run.Summary);
        }

        Console.Error.WriteLine(run?.Value is { } value
            ? $"jugcloud: stopped at BValue({value.Name}): the tasks it needs are not all done, so the rest of the jugfile was not declared."
            : "jugcloud: stopped at a barrier: the tasks before it are not all done, so the rest of the jugfile was not declared.");
    }

    /// <summary>"1 task", "2 tasks".</summary>
    public static string Tasks(int count) => count == 1 ? "1 task" : $"{count} tasks";
}
