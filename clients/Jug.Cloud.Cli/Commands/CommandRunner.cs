using System.CommandLine;
using Jug.Cloud.Client;
using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Cli.Commands;

/// <summary>
/// Runs a command body and turns every error into one line on stderr: bad input exits 2 (so does a
/// jugdir that cannot be written: <see cref="StoreWriteErrors.Describe"/>), anything unexpected exits 1, an
/// interruption 130. Stack traces only with <c>--verbose</c>.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(ParseResult parse, Func<Task<int>> body, CancellationToken cancellationToken)
    {
        var verbose = parse.GetValue(CommonOptions.Verbose);
        try
        {
            return await body();
        }
        catch (Exception e) when (IsBadInput(e))
        {
            if (e is JugfileException { Details: { Length: > 0 } details })
            {
                await Console.Error.WriteLineAsync(details);
            }

            await ReportAsync($"jugcloud: {e.Message}", e, verbose);
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (StoreWriteErrors.Describe(e) is { } storage)
        {
            await ReportAsync($"jugcloud: {storage}", e, verbose);
            return ExitCodes.UsageError;
        }
        catch (ClusterRunException e)
        {
            // The cluster ended the run and said why (a refused bundle, a silo that cannot store results):
            // the reason is the message, not a bug of this command.
            await ReportAsync($"jugcloud: the run failed: {OneLine(e.Message)}", e, verbose);
            return ExitCodes.NotDone;
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            await ReportAsync("jugcloud: interrupted.", e, verbose);
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            var hint = verbose ? "" : " (--verbose shows the stack trace)";
            await ReportAsync($"jugcloud: {e.GetType().Name}: {OneLine(e.Message)}{hint}", e, verbose);
            return ExitCodes.NotDone;
        }
    }

    private static bool IsBadInput(Exception e) =>
        e is JugfileException or JugStoreException or ArgumentException or JugDeclarationException or ClusterUnavailableException;

    private static async Task ReportAsync(string line, Exception e, bool verbose)
    {
        // Messages may quote what was typed or configured, an address with its password included.
        await Console.Error.WriteLineAsync(SecretText.Redact(line));
        if (verbose)
        {
            await Console.Error.WriteLineAsync(SecretText.Redact(e.ToString()));
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
