using System.CommandLine;
using System.CommandLine.Invocation;
using Jug.Cloud.Cli.Commands;
using Jug.Cloud.Cli.Configuration;

namespace Jug.Cloud.Cli;

/// <summary>The <c>jugcloud</c> command line.</summary>
public static class JugCloudCli
{
    /// <summary>Parses and runs one command line; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = CreateRootCommand();
        try
        {
            // Configuration becomes the options' defaults, so flags on the command line still win.
            ConfigDefaults.Apply(root, JugConfiguration.Load(ConfigEnvironment.Current, root.Subcommands.Select(c => c.Name)));
        }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"jugcloud: {e.Message}");
            return ExitCodes.UsageError;
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count == 0)
        {
            // Our own Ctrl-C handling: the first press stops gracefully, however long tasks take.
            using var stop = new GracefulStop();
            return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token);
        }

        // Let System.CommandLine print the errors and its typo suggestions ("Did you mean execute?"),
        // on stderr; full help only for a bare `jugcloud`. Bad usage exits 2, as other bad input does.
        if (parsed.Action is ParseErrorAction errorAction)
        {
            errorAction.ShowTypoCorrections = true;
            errorAction.ShowHelp = args.Length == 0;
        }

        await parsed.InvokeAsync(new InvocationConfiguration { Output = args.Length == 0 ? Console.Out : Console.Error });
        return ExitCodes.UsageError;
    }

    /// <summary>The command tree: one command per file under <c>Commands/</c>, with the global options.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("Jug.Cloud: run task graphs declared in C# jugfiles; results are stored and reused.")
        {
            ExecuteCommand.Create(),
            SubmitCommand.Create(),
            SiloCommand.Create(),
            StatusCommand.Create(),
            CheckCommand.Create(),
            SleepUntilCommand.Create(),
            InvalidateCommand.Create(),
            CleanupCommand.Create(),
            GraphCommand.Create(),
            CountCommand.Create(),
            ShellCommand.Create(),
            ConfigCommand.Create(),
        };
        root.Options.Add(CommonOptions.Jugdir);
        root.Options.Add(CommonOptions.Verbose);
        root.Options.Add(CommonOptions.Cluster);
        root.Options.Add(CommonOptions.Run);
        return root;
    }
}
