using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Jug.Cloud.Cli.Configuration;

/// <summary>
/// Feeds configuration into the command tree: every option and argument of every command gets its
/// default from the configuration, by its long name, so options added later are configurable with no
/// code of their own. A flag on the command line still wins, because it replaces the default.
/// </summary>
internal static class ConfigDefaults
{
    // Options shared by the whole tree (--jugdir, --verbose) are static: keep the default each had
    // before any configuration, so applying again (tests, several runs in one process) starts clean.
    private static readonly ConditionalWeakTable<Symbol, Delegate?> Originals = [];

    private static readonly MethodInfo ApplyOption = typeof(ConfigDefaults).GetMethod(nameof(SetOption), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ApplyArgument = typeof(ConfigDefaults).GetMethod(nameof(SetArgument), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    /// Sets the defaults of <paramref name="root"/>'s options and arguments from
    /// <paramref name="configuration"/>. Every configured value that applies is converted now, so a
    /// value of the wrong type is reported before anything runs.
    /// </summary>
    /// <exception cref="ConfigurationException">A value does not fit its option.</exception>
    public static void Apply(RootCommand root, JugConfiguration configuration)
    {
        foreach (var (symbol, commands) in Configurable(root))
        {
            // The value per command: a command's own section may differ from the shared value.
            var values = new Dictionary<Command, object?>();
            foreach (var command in commands)
            {
                if (configuration.Find(command.Name, ConfigKey.Of(symbol)) is { } entry)
                {
                    values[command] = ConfigValueConverter.Convert(entry, ValueType(symbol));
                }
            }

            var setter = symbol is Option ? ApplyOption : ApplyArgument;
            setter.MakeGenericMethod(ValueType(symbol)).Invoke(null, [symbol, new Lookup(values, commands[0])]);
        }
    }

    /// <summary>
    /// Every option and argument that takes a value from configuration, with the commands it applies
    /// to: a command's own, and the root's recursive options (for every command).
    /// </summary>
    public static IEnumerable<(Symbol Symbol, IReadOnlyList<Command> Commands)> Configurable(RootCommand root)
    {
        var commands = root.Subcommands.ToArray();
        foreach (var option in root.Options.Where(IsConfigurable))
        {
            yield return (option, option.Recursive ? [root, .. commands] : [root]);
        }

        foreach (var command in commands)
        {
            foreach (var option in command.Options.Where(IsConfigurable))
            {
                yield return (option, [command]);
            }

            foreach (var argument in command.Arguments)
            {
                yield return (argument, [command]);
            }
        }
    }

    public static Type ValueType(Symbol symbol) => symbol switch
    {
        Option option => option.ValueType,
        Argument argument => argument.ValueType,
        _ => throw new ArgumentException($"{symbol.Name} takes no value.", nameof(symbol)),
    };

    private static bool IsConfigurable(Option option) => option is not (HelpOption or VersionOption);

    private static void SetOption<T>(Option<T> option, Lookup values)
    {
        var original = (Func<ArgumentResult, T>?)Originals.GetValue(option, _ => option.DefaultValueFactory);
        option.DefaultValueFactory = values.IsEmpty ? original : result =>
            values.TryGet(result, out var value) ? (T)value! : original is null ? default! : original(result);
    }

    private static void SetArgument<T>(Argument<T> argument, Lookup values)
    {
        var original = (Func<ArgumentResult, T>?)Originals.GetValue(argument, _ => argument.DefaultValueFactory);
        argument.DefaultValueFactory = values.IsEmpty ? original : result =>
            values.TryGet(result, out var value) ? (T)value! : original is null ? default! : original(result);
    }

    /// <summary>The configured values of one symbol by command, and the command to fall back to (the first it belongs to).</summary>
    private sealed class Lookup(Dictionary<Command, object?> values, Command fallback)
    {
        public bool IsEmpty => values.Count == 0;

        /// <summary>
        /// The value for the command being run. A recursive option that is not on the command line is
        /// defaulted under the root, so the command run is found by asking the parse for each one.
        /// </summary>
        public bool TryGet(ArgumentResult result, out object? value)
        {
            foreach (var (command, configured) in values)
            {
                if (command != fallback && result.GetResult(command) is not null)
                {
                    value = configured;
                    return true;
                }
            }

            return values.TryGetValue(fallback, out value);
        }
    }
}
