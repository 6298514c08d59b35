using Jug.Cloud.Client;
using Spectre.Console;

namespace Jug.Cloud.Cli.Output;

/// <summary>Prints a <see cref="StatusReport"/>.</summary>
internal static class StatusPrinter
{
    private const int MaxFailuresShown = 20;

    private static readonly string[] Headers = ["Task name", "Waiting", "Ready", "Running", "Done", "Failed", "Mean", "Max"];

    public static void PrintTable(StatusReport report)
    {
        var table = new Table();
        table.AddColumn(Headers[0]);
        foreach (var header in Headers[1..])
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        foreach (var row in report.Rows)
        {
            table.AddRow([Markup.Escape(row.Name), .. Cells(row)]);
        }

        table.AddEmptyRow();
        table.AddRow(["[bold]Total[/]", .. Cells(report.Total).Select(c => $"[bold]{c}[/]")]);
        TableWriter.Write(table);
        PrintFailures(report);
    }

    public static void PrintShort(StatusReport report)
    {
        var t = report.Total;
        var barrier = report.StoppedAtBarrier ? " (stopped at a barrier; more tasks may follow it)" : "";
        Console.WriteLine($"{t.Total} tasks: {t.Waiting} waiting, {t.Ready} ready, {t.Running} running, {t.Done} done, {t.Failed} failed{barrier}.");
    }

    public static void PrintJson(StatusReport report)
    {
        Console.Out.Flush();
        using var stdout = Console.OpenStandardOutput();
        StatusJson.Write(stdout, report);
    }

    private static string[] Cells(StatusRow row) =>
        [.. new[] { row.Waiting, row.Ready, row.Running, row.Done, row.Failed }.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)), Time(row.MeanRunTime), Time(row.MaxRunTime)];

    /// <summary>A run time as Jug users read it: ms under a second, seconds under a minute, then h:mm:ss.</summary>
    public static string Time(TimeSpan? time) => time switch
    {
        null => "-",
        { TotalSeconds: < 1 } t => $"{t.TotalMilliseconds:0} ms",
        { TotalMinutes: < 1 } t => $"{t.TotalSeconds:0.0} s",
        { } t => t.ToString(@"h\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary><c>status --failed</c>: every failed task with its last error; stack traces with <c>--verbose</c>.</summary>
    public static void PrintFailed(StatusReport report, bool verbose)
    {
        if (report.Failures.Count == 0)
        {
            Console.WriteLine("No failed tasks.");
            return;
        }

        foreach (var failure in report.Failures)
        {
            Console.WriteLine($"{failure.TaskName} {failure.Key.ToShortString()}: attempt {failure.Attempt} on {failure.Worker} at {failure.Time:yyyy-MM-dd HH:mm:ss}Z");
            Console.WriteLine($"    {failure.ExceptionType}: {failure.Message.ReplaceLineEndings(" ")}");
            if (verbose)
            {
                Console.WriteLine(string.Join('\n', failure.StackTrace.Split('\n').Select(l => "    " + l.TrimEnd())));
            }
        }

        Console.WriteLine(report.Failures.Count == 1 ? "1 failed task." : $"{report.Failures.Count} failed tasks.");
    }

    /// <summary>The note under a status whose jugfile stopped at a barrier.</summary>
    public static void PrintBarrierNote(StatusReport report)
    {
        if (report.StoppedAtBarrier)
        {
            Console.WriteLine("Stopped at a barrier: the tasks before it are not all done, so tasks declared after it are not listed yet.");
        }
    }

    private static void PrintFailures(StatusReport report)
    {
        foreach (var failure in report.Failures.Take(MaxFailuresShown))
        {
            Console.WriteLine($"Failed: {failure.TaskName} {failure.Key.ToShortString()}: {failure.ExceptionType}: {failure.Message.ReplaceLineEndings(" ")}");
        }

        if (report.Failures.Count > MaxFailuresShown)
        {
            Console.WriteLine($"... and {report.Failures.Count - MaxFailuresShown} more failures (status --failed lists them all).");
        }
    }
}
