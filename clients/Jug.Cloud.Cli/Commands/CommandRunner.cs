using System.CommandLine;
using Jug.Cloud.Client;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Cli.Commands;

/// <summary>Runs a command body and turns expected errors into one line and exit code 2.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(ParseResult parse, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is JugfileException or JugStoreException or ArgumentException or JugDeclarationException or CorruptObjectException)
        {
            if (e is JugfileException { Details: { Length: > 0 } details })
            {
                await Console.Error.WriteLineAsync(details);
            }

            await Console.Error.WriteLineAsync($"jugcloud: {e.Message}");
            if (parse.GetValue(CommonOptions.Verbose))
            {
                await Console.Error.WriteLineAsync(e.ToString());
            }

            return ExitCodes.UsageError;
        }
    }
}
