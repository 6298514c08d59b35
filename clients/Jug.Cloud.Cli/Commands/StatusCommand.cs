using System.CommandLine;
using Jug.Cloud.Cli.Output;
using Jug.Cloud.Client;
using Jug.Cloud.Client.Cluster;
using Jug.Cloud.Cluster;
using Jug.Cloud.Cluster.Hosting;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>status</c>: Jug's table of tasks by name and state.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var jugfile = CommonOptions.Jugfile();
        var arguments = CommonOptions.JugfileArguments();
        var brief = new Option<bool>("--short") { Description = "One line of totals." };
        var json = new Option<bool>("--json") { Description = "Machine-readable output." };
        var failed = new Option<bool>("--failed") { Description = "List the failed tasks with their last error (--verbose adds stack traces)." };
        var verify = new Option<bool>("--verify") { Description = "Read every stored result and check its checksum (read-only): a corrupt result is not Done." };
        var command = new Command("status", "Show tasks by name: Waiting, Ready, Running, Done, Failed, and run times.") { jugfile, arguments, brief, json, failed, verify };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            if (parse.GetValue(CommonOptions.Cluster) is { } cluster && !parse.GetValue(failed))
            {
                await using var connection = await CommonOptions.ConnectAsync(parse, cluster, cancellationToken);
                var (run, counts) = await ClusterStatus.ComputeAsync(connection, parse.GetValue(CommonOptions.Run));
                Print(parse, json, brief, counts, $"Run {run.Run.RunId} ({run.Run.Name}, submitted {run.Run.Submitted:yyyy-MM-dd HH:mm:ss}Z, {run.Run.TaskCount} tasks): {run.State}."
                    + (run.WaitingForTags.Length > 0 ? $" Tasks wait for a silo tagged {string.Join(", ", run.WaitingForTags)}: none is up." : ""));
                return ExitCodes.Success;
            }

            await using var session = await JugfileSession.OpenAsync(parse, jugfile, arguments, cancellationToken);
            var corrupt = parse.GetValue(verify)
                ? (await StoreVerifier.VerifyAsync(session.Store, repair: false, cancellationToken)).CorruptResults
                : new HashSet<TaskHash>();
            var report = await GraphStatus.ComputeAsync(session.Graph, session.Store, corrupt, cancellationToken) with
            {
                StoppedAtBarrier = session.Loaded.StoppedAtBarrier,
            };
            if (parse.GetValue(failed))
            {
                StatusPrinter.PrintFailed(report, parse.GetValue(CommonOptions.Verbose));
            }
            else
            {
                Print(parse, json, brief, report, null);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static void Print(ParseResult parse, Option<bool> json, Option<bool> brief, StatusReport report, string? heading)
    {
        if (parse.GetValue(json))
        {
            StatusPrinter.PrintJson(report);
        }
        else if (parse.GetValue(brief))
        {
            StatusPrinter.PrintShort(report);
        }
        else
        {
            if (heading is not null)
            {
                Console.WriteLine(heading);
            }

            StatusPrinter.PrintTable(report);
            StatusPrinter.PrintBarrierNote(report);
        }
    }
}
