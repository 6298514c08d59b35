using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Jug.Cloud.Runtime.Hosting.Logging;

/// <summary>
/// Writes each log event as one line: time, level, category, message, and an exception as its type
/// and message (its inner exceptions' too) rather than a stack trace, which only
/// <see cref="OneLineConsoleFormatterOptions.StackTraces"/> prints; without it a line is also cut at
/// <see cref="MaxLineLength"/> characters (Orleans puts whole messages, bodies included, into some
/// warnings). Events <see cref="LogNoise"/> names are not written at all; passwords in addresses are
/// written as <c>***</c> (<see cref="SecretText"/>).
/// </summary>
public sealed class OneLineConsoleFormatter : ConsoleFormatter
{
    /// <summary>The name the formatter is registered under.</summary>
    public const string FormatterName = "jugcloud-one-line";

    /// <summary>How long a line's message and exception may be without <c>--verbose</c>.</summary>
    public const int MaxLineLength = 500;

    private readonly IOptionsMonitor<OneLineConsoleFormatterOptions> _options;

    /// <summary>Creates the formatter.</summary>
    public OneLineConsoleFormatter(IOptionsMonitor<OneLineConsoleFormatterOptions> options)
        : base(FormatterName) => _options = options;

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception) ?? "";
        if (LogNoise.IsNoise(logEntry.Category, message))
        {
            return;
        }

        var options = _options.CurrentValue;
        if (options.TimestampFormat is { } format)
        {
            textWriter.Write(DateTime.Now.ToString(format, System.Globalization.CultureInfo.InvariantCulture));
        }

        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write(": ");
        // A message or an exception may quote an address with its password (a task's own error, a
        // client library's): the log is no place for it.
        if (options.StackTraces)
        {
            textWriter.Write(SecretText.Redact(message));
            if (logEntry.Exception is { } exception)
            {
                textWriter.Write(Environment.NewLine);
                textWriter.Write(SecretText.Redact(exception.ToString()));
            }
        }
        else
        {
            var text = logEntry.Exception is { } exception ? $"{WithoutStack(message)} ({Describe(exception)})" : WithoutStack(message);
            textWriter.Write(Shortened(SecretText.Redact(text)));
        }

        textWriter.Write(Environment.NewLine);
    }

    /// <summary>An exception and its inner ones as "Type: message; Type: message", on one line.</summary>
    internal static string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (Exception? e = exception; e is not null && parts.Count < 4; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {WithoutStack(e.Message)}");
        }

        return string.Join("; ", parts);
    }

    /// <summary>
    /// A message on one line, up to any stack trace in it: some Orleans exceptions put their inner
    /// exception's <c>ToString()</c>, frames included, in their own message.
    /// </summary>
    internal static string WithoutStack(string message)
    {
        var lines = message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .TakeWhile(l => !l.StartsWith("at ", StringComparison.Ordinal) && !l.StartsWith("--- End of", StringComparison.Ordinal));
        var text = string.Join(' ', lines);
        var inner = text.IndexOf(" ---> ", StringComparison.Ordinal);
        return inner < 0 ? text : text[..inner];
    }

    /// <summary>Text cut at <see cref="MaxLineLength"/> characters, saying how much was left out.</summary>
    internal static string Shortened(string text) =>
        text.Length <= MaxLineLength ? text : $"{text[..MaxLineLength]}… ({text.Length - MaxLineLength} more characters; --verbose prints them)";

    /// <summary>Text on one line: its lines joined by spaces, blank ones dropped.</summary>
    internal static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString(),
    };
}

/// <summary>Options of <see cref="OneLineConsoleFormatter"/>.</summary>
public sealed class OneLineConsoleFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>Print messages as they are and exceptions with their stack traces (<c>--verbose</c>).</summary>
    public bool StackTraces { get; set; }
}
