using Jug.Cloud.Client;
using Spectre.Console;

namespace Jug.Cloud.Cli.Output;

/// <summary>Prints a <see cref="StatusReport"/>.</summary>
internal static class StatusPrinter
{
    private const int MaxFailuresShown = 20;

    private static readonly string[] Headers = ["Task name", "Waiting", "Ready", "Running", "Done", "Failed"];

    public static void PrintTable(StatusReport report)
    {
        var rows = report.Rows.Append(report.Total).ToArray();
        if (Console.IsOutputRedirected)
        {
            PrintPlain(rows, report.Rows.Count);
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn(Headers[0]);
            foreach (var header in Headers[1..])
            {
                table.AddColumn(new TableColumn(header).RightAligned());
            }

            foreach (var row in report.Rows)
            {
                table.AddRow([Markup.Escape(row.Name), .. Cells(row).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            }

            var total = report.Total;
            table.AddEmptyRow();
            table.AddRow(["[bold]Total[/]", .. Cells(total).Select(c => $"[bold]{c}[/]")]);

            AnsiConsole.Write(table);
        }

        PrintFailures(report);
    }

    public static void PrintShort(StatusReport report)
    {
        var t = report.Total;
        Console.WriteLine($"{t.Total} tasks: {t.Waiting} waiting, {t.Ready} ready, {t.Running} running, {t.Done} done, {t.Failed} failed.");
    }

    public static void PrintJson(StatusReport report)
    {
        Console.Out.Flush();
        using var stdout = Console.OpenStandardOutput();
        StatusJson.Write(stdout, report);
    }

    private static void PrintPlain(StatusRow[] rows, int separatorAfter)
    {
        var width = Math.Max(Headers[0].Length, rows.Max(r => r.Name.Length));
        Console.WriteLine(Line(Headers[0], Headers[1..], width));
        Console.WriteLine(new string('-', width + (Headers.Length - 1) * 9));
        for (var i = 0; i < rows.Length; i++)
        {
            if (i == separatorAfter)
            {
                Console.WriteLine(new string('.', width + (Headers.Length - 1) * 9));
            }

            Console.WriteLine(Line(rows[i].Name, Cells(rows[i]).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), width));
        }
    }

    private static string Line(string name, string[] cells, int width) =>
        name.PadRight(width) + string.Concat(cells.Select(c => c.PadLeft(9)));

    private static int[] Cells(StatusRow row) => [row.Waiting, row.Ready, row.Running, row.Done, row.Failed];

    private static void PrintFailures(StatusReport report)
    {
        foreach (var failure in report.Failures.Take(MaxFailuresShown))
        {
            Console.WriteLine($"Failed: {failure.TaskName} {failure.Key.ToShortString()}: {failure.ExceptionType}: {failure.Message.ReplaceLineEndings(" ")}");
        }

        if (report.Failures.Count > MaxFailuresShown)
        {
            Console.WriteLine($"... and {report.Failures.Count - MaxFailuresShown} more failures (status --json lists them all).");
        }
    }
}
