using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Jug.Cloud.Cli.Usage;

/// <summary>
/// What is wrong with a command line, as one line: options the command does not have (with the
/// nearest one it has), words that match nothing, and System.CommandLine's own errors.
/// </summary>
/// <remarks>
/// System.CommandLine gives an unknown <c>--option</c> to a command's positional arguments when they
/// can take it, so <c>execute jugfile.cs --frobnicate</c> would hand <c>--frobnicate</c> to the
/// jugfile. Here a positional word that looks like an option is refused unless it comes after
/// <c>--</c>, as <c>dotnet run</c> does.
/// </remarks>
internal static class UsageErrors
{
    /// <summary>The one line describing what is wrong, or null when the command line is good.</summary>
    public static string? Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        if (OptionLikeArguments(parse).FirstOrDefault() is { } option)
        {
            return UnknownOption(parse, command, option);
        }

        if (parse.UnmatchedTokens is [var unmatched, ..])
        {
            return IsOptionLike(unmatched) ? UnknownOption(parse, command, unmatched) : NotMatched(command, unmatched);
        }

        return parse.Errors.Count == 0 ? null : string.Join(" ", parse.Errors.Select(e => e.Message.ReplaceLineEndings(" ")).Distinct());
    }

    /// <summary>Words given to the command's positional arguments that look like options and come before any <c>--</c>.</summary>
    private static IEnumerable<string> OptionLikeArguments(ParseResult parse)
    {
        var positional = parse.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(a => a.Tokens)
            .ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                yield break;
            }

            if (positional.Contains(token) && IsOptionLike(token.Value))
            {
                yield return token.Value;
            }
        }
    }

    /// <summary>A word starting with '-' that is not a negative number (those are fine as jugfile arguments).</summary>
    private static bool IsOptionLike(string word) =>
        word.Length > 1 && word[0] == '-' && !double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string UnknownOption(ParseResult parse, Command command, string option)
    {
        var names = OptionsOf(parse).SelectMany(o => o.Aliases.Prepend(o.Name));
        var text = $"Unknown option '{option}'.";
        if (Suggestions.Closest(option, names) is { } suggestion)
        {
            return $"{text} Did you mean '{suggestion}'?";
        }

        return command.Arguments.Any(a => a.Name == "args")
            ? $"{text} To pass it to the jugfile, put it after '--': {CommandLine(command)} {JugfileOf(parse)}-- {option}"
            : $"{text} See '{CommandLine(command)} --help'.";
    }

    private static string NotMatched(Command command, string word)
    {
        var text = $"'{word}' was not matched.";
        return Suggestions.Closest(word, command.Subcommands.Select(c => c.Name)) is { } suggestion
            ? $"{text} Did you mean '{suggestion}'?"
            : $"{text} See '{CommandLine(command)} --help'.";
    }

    /// <summary>The command's options and the recursive (global) options of the commands above it.</summary>
    private static IEnumerable<Option> OptionsOf(ParseResult parse)
    {
        var own = parse.CommandResult.Command.Options;
        var inherited = Ancestors(parse.CommandResult).SelectMany(c => c.Command.Options.Where(o => o.Recursive));
        return own.Concat(inherited).Where(o => !o.Hidden);
    }

    private static IEnumerable<CommandResult> Ancestors(CommandResult result)
    {
        for (var parent = result.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            yield return parent;
        }
    }

    /// <summary>The jugfile as given on the command line (and a space), if it was.</summary>
    private static string JugfileOf(ParseResult parse) =>
        parse.CommandResult.Children.OfType<ArgumentResult>().FirstOrDefault(a => a.Argument.Name == "jugfile") is { Tokens: [var jugfile, ..] }
            && !IsOptionLike(jugfile.Value)
            ? $"{jugfile.Value} "
            : "";

    private static string CommandLine(Command command) => command is RootCommand ? "jugcloud" : $"jugcloud {command.Name}";
}
