using System.CommandLine;
using Jug.Cloud.Client;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>cleanup</c>: Jug's cleanup and its variants for locks (claims).</summary>
internal static class CleanupCommand
{
    public static Command Create()
    {
        var jugfile = CommonOptions.Jugfile();
        var arguments = CommonOptions.JugfileArguments();
        var locksOnly = new Option<bool>("--locks-only") { Description = "Only remove locks (claims), every one; keep all results." };
        var failedOnly = new Option<bool>("--failed-only") { Description = "Only remove the locks kept on failed tasks (execute --keep-failed), so they run again." };
        var keepLocks = new Option<bool>("--keep-locks") { Description = "Remove unreferenced results but keep every lock." };
        var buildsOnly = new Option<bool>("--builds-only") { Description = "Only remove the jugfile's cached builds (.jugcloud-build/<name>/), the current one too; the jugfile is not built and the jugdir is not touched." };
        var command = new Command("cleanup", "Remove stored results no task of the jugfile refers to, locks, old run-log records, and stale cached builds of the jugfile (see the options).")
        {
            jugfile, arguments, locksOnly, failedOnly, keepLocks, buildsOnly,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            var (onlyLocks, onlyFailed, keep, onlyBuilds) = (parse.GetValue(locksOnly), parse.GetValue(failedOnly), parse.GetValue(keepLocks), parse.GetValue(buildsOnly));
            if ((onlyLocks ? 1 : 0) + (onlyFailed ? 1 : 0) + (keep ? 1 : 0) + (onlyBuilds ? 1 : 0) > 1)
            {
                throw new ArgumentException("--locks-only, --failed-only, --keep-locks and --builds-only cannot be combined.");
            }

            if (onlyBuilds)
            {
                var source = JugfileSource.Locate(parse.GetValue(jugfile));
                PrintBuilds(BuildCache.RemoveAll(source), "cached build", always: true);
                return ExitCodes.Success;
            }

            await using var session = await JugfileSession.OpenAsync(parse, jugfile, arguments, cancellationToken);
            if (onlyLocks || onlyFailed)
            {
                var locks = await GraphOperations.RemoveClaimsAsync(session.Store, onlyFailed, cancellationToken);
                Console.WriteLine($"Removed {Plural(locks, "lock")}{(onlyFailed ? " of failed tasks" : "")}.");
                return ExitCodes.Success;
            }

            if (session.Loaded.StoppedAtBarrier)
            {
                // Tasks after the barrier are not declared yet: their stored results would look unreferenced.
                throw new ArgumentException("The jugfile stopped at a barrier, so not all its tasks are known; run it past the barrier before cleanup.");
            }

            var removed = await GraphOperations.CleanupAsync(session.Graph, session.Store, cancellationToken);
            var claims = keep ? 0 : await GraphOperations.RemoveClaimsAsync(session.Store, failedOnly: false, cancellationToken);
            Console.WriteLine($"Removed {Plural(removed, "result")} no task refers to{(keep ? "" : $" and {Plural(claims, "lock")}")}.");
            var runs = await GraphOperations.CompactRunLogAsync(session.Graph, session.Store, cancellationToken);
            if (runs > 0)
            {
                Console.WriteLine($"Compacted the run log: removed {Plural(runs, "old run record")}.");
            }
            if (session.Source is { } built)
            {
                PrintBuilds(BuildCache.RemoveStale(built), "stale build", always: false);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static void PrintBuilds(BuildCacheCleanup removed, string what, bool always)
    {
        if (always || removed.Builds > 0)
        {
            Console.WriteLine($"Removed {Plural(removed.Builds, what)} ({removed.Bytes / 1e6:0.0} MB) from {BuildCache.FolderName}/.");
        }
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
