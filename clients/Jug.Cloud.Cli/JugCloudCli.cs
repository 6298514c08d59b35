using System.CommandLine;
using System.CommandLine.Invocation;
using Jug.Cloud.Cli.Commands;
using Jug.Cloud.Cli.Configuration;
using Jug.Cloud.Cli.Output;
using Jug.Cloud.Cli.Usage;
using Jug.Cloud.Storage;

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
            await Console.Error.WriteLineAsync(SecretText.Redact($"jugcloud: {e.Message}"));
            return ExitCodes.UsageError;
        }

        var parsed = root.Parse(args);
        if (args.Length > 0 && UsageErrors.Describe(parsed) is { } usage)
        {
            // One line, before anything is built, run or written; exit 2 as other bad input does.
            await Console.Error.WriteLineAsync(SecretText.Redact($"jugcloud: {usage}"));
            return ExitCodes.UsageError;
        }

        if (parsed.Errors.Count == 0)
        {
            // Our own Ctrl-C handling: the first press stops gracefully, however long tasks take.
            using var stop = new GracefulStop(parsed.CommandResult.Command.Name);
            using var help = new RedactingWriter(Console.Out);
            return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, Output = help }, stop.Token);
        }

        // A bare `jugcloud`: System.CommandLine's error and the full help.
        if (parsed.Action is ParseErrorAction errorAction)
        {
            errorAction.ShowHelp = true;
        }

        using (var output = new RedactingWriter(Console.Out))
        using (var error = new RedactingWriter(Console.Error))
        {
            await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        }

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
            AutoscaleCommand.Create(),
            StatusCommand.Create(),
            WebstatusCommand.Create(),
            CheckCommand.Create(),
            SleepUntilCommand.Create(),
            InvalidateCommand.Create(),
            CleanupCommand.Create(),
            VerifyCommand.Create(),
            GraphCommand.Create(),
            CountCommand.Create(),
            ShellCommand.Create(),
            ConfigCommand.Create(),
            KeyCommand.Create(),
            CertCommand.Create(),
        };
        root.Options.Add(CommonOptions.Jugdir);
        root.Options.Add(CommonOptions.Verbose);
        root.Options.Add(CommonOptions.Cluster);
        root.Options.Add(CommonOptions.Run);
        root.Options.Add(CommonOptions.TlsCertificate);
        root.Options.Add(CommonOptions.TlsAuthority);
        return root;
    }
}
