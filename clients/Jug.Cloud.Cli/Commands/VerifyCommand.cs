using System.CommandLine;
using Jug.Cloud.Cli.Output;
using Jug.Cloud.Client;
using Spectre.Console;

namespace Jug.Cloud.Cli.Commands;

/// <summary>
/// <c>verify</c>: reads every stored object of the jugdir and checks its checksum; <c>--repair</c>
/// removes what is corrupt so the next <c>execute</c> computes it again. The jugfile only names the
/// default jugdir: it is not built.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var jugfile = CommonOptions.Jugfile();
        var repair = new Option<bool>("--repair") { Description = "Remove every corrupt object, so the next execute computes those results again." };
        var command = new Command("verify", "Read every stored object (results, packs, failure records, bundles, run log) and check its checksum; exit 1 if any is corrupt.")
        {
            jugfile, repair,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            await using var store = JugfileSession.OpenStore(parse, jugfile);
            var fix = parse.GetValue(repair);
            var report = await StoreVerifier.VerifyAsync(store, fix, cancellationToken);
            Print(report, fix);
            Console.WriteLine(report.Clean
                ? $"{store.DisplayName}: every object verifies."
                : $"{store.DisplayName}: {report.Counts.Sum(c => c.Corrupt)} corrupt object(s){(fix ? $", {report.Counts.Sum(c => c.Removed)} removed; execute computes the results again" : "; verify --repair removes them")}.");
            if (report.OnlyResults)
            {
                Console.WriteLine("This store cannot read back its failure records, bundles and run log one by one: only results were checked.");
            }

            return report.Clean ? ExitCodes.Success : ExitCodes.NotDone;
        }, cancellationToken));
        return command;
    }

    private static void Print(VerifyReport report, bool repair)
    {
        var table = new Table();
        table.AddColumn("Kind");
        table.AddColumn(new TableColumn("Ok").RightAligned());
        table.AddColumn(new TableColumn("Corrupt").RightAligned());
        if (repair)
        {
            table.AddColumn(new TableColumn("Removed").RightAligned());
        }

        foreach (var count in report.Counts)
        {
            string[] cells = [count.Kind.ToString(), count.Intact.ToString(), count.Corrupt.ToString()];
            table.AddRow(repair ? [.. cells, count.Removed.ToString()] : cells);
        }

        TableWriter.Write(table);
    }
}
