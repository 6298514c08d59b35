using Jug.Cloud.Runtime.Hosting.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Jug.Cloud.Runtime.Tests.Parts;

/// <summary>What a silo's console shows of an event: one line, no stack trace, no Orleans noise.</summary>
[Trait("Category", "Unit")]
public sealed class OneLineConsoleFormatterTests
{
    [Fact]
    public void An_exception_is_its_types_and_messages_on_the_line_and_its_frames_only_when_verbose()
    {
        var exception = Thrown(new InvalidOperationException("outer", Thrown(new TimeoutException("inner"))));

        var quiet = Format(LogLevel.Warning, "Orleans.Messaging", "Probe failed", exception);
        Assert.Equal("warn: Orleans.Messaging: Probe failed (InvalidOperationException: outer; TimeoutException: inner)" + Environment.NewLine, quiet);

        var verbose = Format(LogLevel.Warning, "Orleans.Messaging", "Probe failed", exception, stackTraces: true);
        Assert.Contains("   at ", verbose, StringComparison.Ordinal);
        Assert.True(verbose.Split(Environment.NewLine).Length > 3, verbose);
    }

    [Fact]
    public void A_message_that_carries_a_stack_trace_keeps_only_its_first_lines()
    {
        var message = "Exception while sending message: Orleans.Runtime.Messaging.ConnectionFailedException: refused\n   at Orleans.Runtime.Messaging.ConnectionManager.GetConnectionAsync()\n--- End of stack trace from previous location ---";

        var line = Format(LogLevel.Warning, "Orleans.Runtime.MembershipService.SiloHealthMonitor", message);

        Assert.Equal("warn: Orleans.Runtime.MembershipService.SiloHealthMonitor: Exception while sending message: Orleans.Runtime.Messaging.ConnectionFailedException: refused" + Environment.NewLine, line);
    }

    [Fact]
    public void A_message_of_kilobytes_is_cut_and_says_how_much_was_left_out_unless_verbose()
    {
        // Orleans writes whole messages, response bodies included, into "dropping message" warnings.
        var message = "Silo S127.0.0.1:1 is dropping message Response " + new string('x', 5000);

        var line = Format(LogLevel.Warning, "Orleans.Messaging", message);

        Assert.Single(line.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.True(line.Length < OneLineConsoleFormatter.MaxLineLength + 120, $"{line.Length} characters");
        Assert.Contains($"({message.Length - OneLineConsoleFormatter.MaxLineLength} more characters; --verbose prints them)", line, StringComparison.Ordinal);
        Assert.Contains(message, Format(LogLevel.Warning, "Orleans.Messaging", message, stackTraces: true), StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_in_a_message_or_an_exception_is_written_as_stars_quiet_or_verbose()
    {
        var exception = Thrown(new InvalidOperationException("cannot open rediss://jug:log-Pw-4z@10.0.0.5:6380?ca=/x"));

        foreach (var stackTraces in new[] { false, true })
        {
            var line = Format(LogLevel.Error, "Jug.Cloud.Tasks", "Task failed reading s3://b/p?endpoint=http://h:1&secretKey=log-Pw-4z", exception, stackTraces);
            Assert.DoesNotContain("log-Pw-4z", line, StringComparison.Ordinal);
            Assert.Contains("rediss://jug:***@10.0.0.5:6380", line, StringComparison.Ordinal);
            Assert.Contains("secretKey=***", line, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Orleans.Runtime.Watchdog", "Participant Orleans.Runtime.Watchdog has not called CheckHealth for 123456 seconds")]
    [InlineData("Orleans.Runtime.Silo", "Note: Silo not running with ServerGC turned on - recommend checking app config")]
    [InlineData("Orleans.Runtime.SiloLifecycleSubject", "'Orleans.Runtime.Silo' stopped in stage 'GrainDeactivation (19998)' in '00:00:03.2491152'.")]
    public void Orleans_notes_a_user_cannot_act_on_are_not_written(string category, string message)
    {
        Assert.Equal("", Format(LogLevel.Warning, category, message));
    }

    [Fact]
    public void A_lifecycle_stage_that_failed_is_still_written()
    {
        var line = Format(LogLevel.Error, "Orleans.Runtime.SiloLifecycleSubject", "'Orleans.Runtime.Silo' failed to start due to errors at stage 'RuntimeInitialize (2000)'.");

        Assert.StartsWith("fail: Orleans.Runtime.SiloLifecycleSubject: ", line, StringComparison.Ordinal);
    }

    private static string Format(LogLevel level, string category, string message, Exception? exception = null, bool stackTraces = false)
    {
        var options = new OneLineConsoleFormatterOptions { StackTraces = stackTraces, TimestampFormat = null };
        var formatter = new OneLineConsoleFormatter(new FixedOptions(options));
        using var writer = new StringWriter();
        var entry = new LogEntry<string>(level, category, new EventId(1), message, exception, (state, _) => state);
        formatter.Write(entry, scopeProvider: null, writer);
        return writer.ToString();
    }

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private sealed class FixedOptions(OneLineConsoleFormatterOptions value) : IOptionsMonitor<OneLineConsoleFormatterOptions>
    {
        public OneLineConsoleFormatterOptions CurrentValue => value;

        public OneLineConsoleFormatterOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<OneLineConsoleFormatterOptions, string?> listener) => null;
    }
}
