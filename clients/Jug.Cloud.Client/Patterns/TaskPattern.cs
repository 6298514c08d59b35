using System.Text.RegularExpressions;

namespace Jug.Cloud.Client;

/// <summary>
/// Selects tasks by name, in Jug's forms: <c>/regex/</c> (matched anywhere in the full name),
/// <c>Type.Method</c> or <c>Namespace.Type.Method</c> (the name ends with it at a dot boundary), or a
/// bare <c>Method</c>.
/// </summary>
public sealed class TaskPattern
{
    private readonly Regex? _regex;
    private readonly string? _suffix;

    private TaskPattern(string text, Regex? regex, string? suffix)
    {
        Text = text;
        _regex = regex;
        _suffix = suffix;
    }

    /// <summary>The pattern as given.</summary>
    public string Text { get; }

    /// <summary>Parses a pattern; throws <see cref="ArgumentException"/> with one line if it is not valid.</summary>
    public static TaskPattern Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("A task pattern cannot be empty: give Type.Method, Method or /regex/.");
        }

        if (text.Length >= 2 && text[0] == '/' && text[^1] == '/')
        {
            try
            {
                return new TaskPattern(text, new Regex(text[1..^1], RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), null);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"'{text}' is not a valid regular expression: {e.Message}", e);
            }
        }

        return new TaskPattern(text, null, text);
    }

    /// <summary>True if the task name matches.</summary>
    public bool Matches(string taskName)
    {
        ArgumentNullException.ThrowIfNull(taskName);
        if (_regex is not null)
        {
            return _regex.IsMatch(taskName);
        }

        return taskName == _suffix
            || (taskName.EndsWith(_suffix!, StringComparison.Ordinal) && taskName[taskName.Length - _suffix!.Length - 1] == '.');
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
