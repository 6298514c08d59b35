using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Runs;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Cli.Tests.Unit.Cluster;

[Trait("Category", "Unit")]
public sealed class RunWatchdogTests
{
    private static readonly RunDescriptor Run = new() { RunId = "r", Jugdir = "memory:", BundleId = "b", PackageId = "p", Name = "n" };

    [Fact]
    public async Task A_submission_a_dead_silo_left_is_resumed_and_its_epoch_not_checked()
    {
        var run = new WatchedRun { Current = Run, LeftSubmitting = true, EpochRunning = true };

        await new RunWatchdog(run, new CapturingLogger()).TickAsync();

        Assert.Equal(1, run.Resumed);
        Assert.Equal(0, run.Checked);
    }

    [Fact]
    public async Task A_running_epoch_is_checked()
    {
        var run = new WatchedRun { Current = Run, EpochRunning = true };

        await new RunWatchdog(run, new CapturingLogger()).TickAsync();

        Assert.Equal(1, run.Checked);
    }

    [Fact]
    public async Task Nothing_is_done_while_a_submission_is_under_way_before_the_run_started_or_once_it_is_over()
    {
        var submitting = new WatchedRun { Current = Run, SubmissionUnderWay = true, LeftSubmitting = true, EpochRunning = true };
        var notStarted = new WatchedRun { Current = null, LeftSubmitting = true, EpochRunning = true };
        var over = new WatchedRun { Current = Run, EpochRunning = false };

        foreach (var run in new[] { submitting, notStarted, over })
        {
            await new RunWatchdog(run, new CapturingLogger()).TickAsync();
            Assert.Equal(0, run.Resumed + run.Checked);
        }
    }

    [Fact]
    public async Task A_check_that_fails_is_logged_for_the_next_tick_instead_of_thrown()
    {
        var run = new WatchedRun { Current = Run, EpochRunning = true, CheckFailure = new InvalidOperationException("silo going away") };
        var log = new CapturingLogger();

        await new RunWatchdog(run, log).TickAsync();

        Assert.Equal(1, run.Checked);
        Assert.Contains(log.Lines, l => l.Contains("silo going away", StringComparison.Ordinal) && l.Contains('r'));
    }

    private sealed class WatchedRun : IWatchedRun
    {
        public RunDescriptor? Current { get; init; }

        public bool LeftSubmitting { get; init; }

        public Exception? CheckFailure { get; init; }

        public int Resumed { get; private set; }

        public int Checked { get; private set; }

        public bool SubmissionUnderWay { get; init; }

        public bool EpochRunning { get; init; }

        public RunDescriptor? Run => Current;

        public bool ResumeSubmission(RunDescriptor run)
        {
            if (LeftSubmitting)
            {
                Resumed++;
            }

            return LeftSubmitting;
        }

        public Task CheckEpochAsync(RunDescriptor run)
        {
            Checked++;
            return CheckFailure is null ? Task.CompletedTask : Task.FromException(CheckFailure);
        }
    }

    private sealed class CapturingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
