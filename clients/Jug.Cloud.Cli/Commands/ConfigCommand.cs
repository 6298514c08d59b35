using System.CommandLine;
using Jug.Cloud.Cluster.Security;
using Jug.Cloud.Cli.Configuration;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>config</c>: which files and variables were read, and every option's configured value and its source.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Show the configuration files read and, for every option, its configured value and where it came from.");
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, () =>
        {
            var root = (RootCommand)parse.RootCommandResult.Command;
            var configuration = JugConfiguration.Load(ConfigEnvironment.Current, root.Subcommands.Select(c => c.Name));
            Print(root, configuration);
            return Task.FromResult(ExitCodes.Success);
        }, cancellationToken));
        return command;
    }

    private static void Print(RootCommand root, JugConfiguration configuration)
    {
        Console.WriteLine("Read, lowest priority first (command-line flags beat them all):");
        foreach (var (path, found) in configuration.Files)
        {
            Console.WriteLine($"  {path}{(found ? "" : "  (not there)")}");
        }

        if (!configuration.Files.Any(f => f.Path.EndsWith(".jugcloud.json", StringComparison.Ordinal)))
        {
            Console.WriteLine("  (no .jugcloud.json from here up to the repository root)");
        }

        var variables = configuration.Layers[^1].Entries.Select(e => e.Source).Order(StringComparer.Ordinal).ToArray();
        Console.WriteLine($"  JUGCLOUD_* variables: {(variables.Length == 0 ? "none" : string.Join(", ", variables))}");
        Console.WriteLine();

        var rows = ConfigDefaults.Configurable(root)
            .SelectMany(item => item.Commands.Select(command =>
            {
                var key = ConfigKey.Of(item.Symbol);
                return (Key: key, Command: command, Entry: configuration.Find(command.Name, key));
            }))
            .GroupBy(row => (row.Key, row.Entry?.Source, row.Entry?.Display))
            .Select(group => new[]
            {
                group.Key.Key,
                // A token is a secret: say that it is set, never what it is.
                group.Key.Display is null ? "(default)" : group.Key.Key.EndsWith("token", StringComparison.Ordinal) ? "(set)" : SecretText.Redact(group.Key.Display),
                group.Key.Source ?? "",
                group.Any(r => r.Command is RootCommand) ? "all commands" : string.Join(", ", group.Select(r => r.Command.Name).Distinct()),
            })
            .OrderBy(row => row[0], StringComparer.Ordinal)
            .ToList();
        rows.Insert(0, ["key", "value", "from", "for"]);
        var widths = Enumerable.Range(0, 3).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            Console.WriteLine($"{row[0].PadRight(widths[0])}  {row[1].PadRight(widths[1])}  {row[2].PadRight(widths[2])}  {row[3]}".TrimEnd());
        }

        var known = ConfigDefaults.Configurable(root).Select(item => ConfigKey.Normalize(ConfigKey.Of(item.Symbol))).ToHashSet();
        var unknown = configuration.Layers.SelectMany(l => l.Entries)
            .Where(e => !known.Contains(ConfigKey.Normalize(e.Key.Split('.')[^1])) && e.Source != ClusterTlsOptions.PasswordVariable)
            .Select(e => $"{e.Key} ({e.Source})")
            .ToArray();
        if (unknown.Length > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"Not an option of any command, so unused: {string.Join(", ", unknown)}");
        }
    }
}
