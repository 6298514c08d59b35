using System.CommandLine;
using Jug.Cloud.Cli.Commands;

namespace Jug.Cloud.Cli;

/// <summary>The <c>jugcloud</c> command line.</summary>
public static class JugCloudCli
{
    /// <summary>Parses and runs one command line; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Jug.Cloud: run task graphs declared in C# jugfiles; results are stored and reused.")
        {
            ExecuteCommand.Create(),
            StatusCommand.Create(),
            CheckCommand.Create(),
            InvalidateCommand.Create(),
            CleanupCommand.Create(),
        };
        root.Options.Add(CommonOptions.Jugdir);
        root.Options.Add(CommonOptions.Verbose);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"jugcloud: {error.Message}");
            }

            return ExitCodes.UsageError;
        }

        return await parsed.InvokeAsync();
    }
}
