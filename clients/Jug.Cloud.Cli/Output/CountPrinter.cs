using System.Globalization;
using System.Text.Json;
using Jug.Cloud.Client;
using Spectre.Console;

namespace Jug.Cloud.Cli.Output;

/// <summary>Prints what <c>count</c> found: Jug's table of counts per task name with a total.</summary>
internal static class CountPrinter
{
    public static void PrintTable(IReadOnlyList<TaskCount> counts)
    {
        var total = counts.Sum(c => c.Count);
        if (Console.IsOutputRedirected)
        {
            // Jug's layout: the count right-aligned in 12 columns, then the name; a dotted line before the total.
            var width = 14 + Math.Max("Task name".Length, counts.Select(c => c.Name.Length).DefaultIfEmpty(0).Max());
            Console.WriteLine($"{"Count",12}  Task name");
            Console.WriteLine(new string('-', width));
            foreach (var count in counts)
            {
                Console.WriteLine($"{count.Count,12}  {count.Name}");
            }

            Console.WriteLine(new string('.', width));
            Console.WriteLine($"{total,12}  Total");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("Count").RightAligned());
        table.AddColumn("Task name");
        foreach (var count in counts)
        {
            table.AddRow(count.Count.ToString(CultureInfo.InvariantCulture), Markup.Escape(count.Name));
        }

        table.AddEmptyRow();
        table.AddRow($"[bold]{total}[/]", "[bold]Total[/]");
        AnsiConsole.Write(table);
    }

    public static void PrintShort(IReadOnlyList<TaskCount> counts)
    {
        var total = counts.Sum(c => c.Count);
        Console.WriteLine($"{total} tasks, {counts.Count} task names.");
    }

    public static void PrintJson(IReadOnlyList<TaskCount> counts)
    {
        Console.Out.Flush();
        using var stdout = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("rows");
            foreach (var count in counts)
            {
                json.WriteStartObject();
                json.WriteString("name", count.Name);
                json.WriteNumber("count", count.Count);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("total", counts.Sum(c => c.Count));
            json.WriteEndObject();
        }

        stdout.WriteByte((byte)'\n');
    }
}
