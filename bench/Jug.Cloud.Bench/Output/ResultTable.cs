using System.Globalization;
using Jug.Cloud.Bench.Measurement;
using Spectre.Console;

namespace Jug.Cloud.Bench.Output;

/// <summary>The report: one table of every scenario, then the notes that explain each number.</summary>
internal static class ResultTable
{
    private static readonly string[] Headers = ["#", "scenario", "measured", "target", "verdict", "wall", "tasks/s", "peak WS", "CPU"];

    public static void Write(IAnsiConsole console, IReadOnlyList<BenchRow> rows, BenchSettings settings, string machine)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var (header, i) in Headers.Select((h, i) => (h, i)))
        {
            table.AddColumn(i is 0 or 1 or 4 ? new TableColumn(header) : new TableColumn(header).RightAligned());
        }

        foreach (var row in rows)
        {
            var cells = Cells(row);
            cells[4] = row.Passed switch
            {
                true => "[green]pass[/]",
                false => "[red]short[/]",
                null => $"[grey]{Markup.Escape(cells[4])}[/]",
            };
            table.AddRow([.. cells.Select((c, i) => i == 4 ? c : Markup.Escape(c))]);
        }

        console.Write(table);
        console.WriteLine(Caption(settings, machine));
        foreach (var row in rows)
        {
            console.MarkupLineInterpolated($"[grey]{row.Scenario.Number,3}[/] {Note(row)}");
        }
    }

    /// <summary>The same report as a GitHub-flavoured Markdown table (for docs/benchmarks.md).</summary>
    public static void WriteMarkdown(TextWriter writer, IReadOnlyList<BenchRow> rows, BenchSettings settings, string machine)
    {
        writer.WriteLine("| " + string.Join(" | ", Headers) + " |");
        writer.WriteLine("|" + string.Concat(Headers.Select((_, i) => i is 0 or 1 or 4 ? "---|" : "---:|")));
        foreach (var row in rows)
        {
            writer.WriteLine("| " + string.Join(" | ", Cells(row).Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }

        writer.WriteLine();
        writer.WriteLine(Caption(settings, machine));
        writer.WriteLine();
        foreach (var row in rows)
        {
            writer.WriteLine($"- {row.Scenario.Number}: {Note(row)}");
        }
    }

    private static string[] Cells(BenchRow row)
    {
        var result = row.Result;
        var target = row.Scenario.Target;
        if (result.Unavailable is not null)
        {
            return [row.Scenario.Number, row.Scenario.Title, "—", target.ToString(), "not available", "", "", "", ""];
        }

        var m = result.Measurement;
        var verdict = row.Passed switch
        {
            true => "pass",
            false => $"short by {target.Shortfall(result.Value) * 100:0} %",
            null => "n/a",
        };
        return
        [
            row.Scenario.Number,
            row.Scenario.Title,
            target.Unit.Format(result.Value),
            target.ToString(),
            verdict,
            m is null ? "" : Units.Duration(m.Wall),
            row.TasksPerSecond is { } rate ? Units.Number(rate) : "",
            m is null || m.PeakWorkingSet == 0 ? "" : Units.Bytes(m.PeakWorkingSet), // 0: measured in another process
            m is null ? "" : Units.Duration(m.Cpu),
        ];
    }

    private static string Note(BenchRow row) =>
        row.Result.Unavailable ?? row.Result.Notes + (row.Rounds > 1 ? $" (median of {row.Rounds} rounds)" : "");

    private static string Caption(BenchSettings settings, string machine) =>
        $"size {settings.Size.ToString("0.####", CultureInfo.InvariantCulture)}, -j {settings.Jobs}, {machine}" +
            (settings.IsFullSize ? "" : "; targets are set for size 1, so verdicts at other sizes are indicative only") +
            (ThreadCpuTime.IsThreadClock ? "" : "; no per-thread CPU clock");
}
