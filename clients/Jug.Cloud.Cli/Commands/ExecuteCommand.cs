using System.CommandLine;
using Jug.Cloud.Cli.Output;
using Jug.Cloud.Client;
using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>execute</c>: run every task whose result is not stored yet.</summary>
internal static class ExecuteCommand
{
    /// <summary>Jug's stop file: its appearance in the working directory stops every execute there.</summary>
    public const string StopFileName = "__jug_please_stop_running.txt";

    public static Command Create()
    {
        var jugfile = CommonOptions.Jugfile();
        var arguments = CommonOptions.JugfileArguments();
        var jobs = new Option<int>("--jobs", "-j") { Description = "Worker slots (default: the processor count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var target = CommonOptions.Target(required: false);
        var keepGoing = new Option<bool>("--keep-going") { Description = "Keep starting tasks after one failed for good." };
        var keepFailed = new Option<bool>("--keep-failed") { Description = "Keep the claim of a failed task, so no process retries it until cleanup --failed-only." };
        var attempts = new Option<int>("--attempts") { Description = "Attempts per task unless its method sets [JugTask(Attempts = …)].", DefaultValueFactory = _ => 3 };
        var retryDelay = new Option<double>("--retry-delay") { Description = "Seconds before a failed task's second attempt; doubled for each later one.", DefaultValueFactory = _ => 1.0 };
        var taskTimeout = new Option<double?>("--task-timeout") { Description = "Seconds one attempt may run unless its method sets a timeout (default: none)." };
        var waitCycleTime = new Option<double>("--wait-cycle-time") { Description = "Seconds between checks on tasks another process holds (shared jugdir).", DefaultValueFactory = _ => 1.0 };
        var nrWaitCycles = new Option<int>("--nr-wait-cycles") { Description = "Give up after this many idle checks on tasks another process holds; 0 waits while its claims are alive." };
        var claimTtl = new Option<double>("--claim-ttl") { Description = "Seconds a claim lives without its keepalive: a killed process's tasks run elsewhere after this.", DefaultValueFactory = _ => 60.0 };
        var aggressiveUnload = new Option<bool>("--aggressive-unload") { Description = "Keep no results in memory beyond the task using them." };
        var debug = new Option<bool>("--debug") { Description = "Hash each task's arguments again after it ran and fail it if it changed one." };
        var command = new Command("execute", "Run every task whose result is not stored yet.")
        {
            jugfile, arguments, jobs, target, keepGoing, keepFailed, attempts, retryDelay, taskTimeout,
            waitCycleTime, nrWaitCycles, claimTtl, aggressiveUnload, debug,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            var options = new ExecuteOptions
            {
                Jobs = AtLeast(parse.GetValue(jobs), 1, "-j"),
                KeepGoing = parse.GetValue(keepGoing),
                KeepFailed = parse.GetValue(keepFailed),
                Attempts = AtLeast(parse.GetValue(attempts), 1, "--attempts"),
                RetryDelay = OptionValues.Seconds(parse.GetValue(retryDelay), "--retry-delay", allowZero: true),
                TaskTimeout = parse.GetValue(taskTimeout) is { } timeout ? OptionValues.Seconds(timeout, "--task-timeout") : null,
                WaitCycleTime = OptionValues.Seconds(parse.GetValue(waitCycleTime), "--wait-cycle-time"),
                WaitCycles = AtLeast(parse.GetValue(nrWaitCycles), 0, "--nr-wait-cycles"),
                ClaimTimeToLive = OptionValues.Seconds(parse.GetValue(claimTtl), "--claim-ttl"),
                AggressiveUnload = parse.GetValue(aggressiveUnload),
                Debug = parse.GetValue(debug),
                StopFile = Path.GetFullPath(StopFileName),
                LogLevel = parse.GetValue(CommonOptions.Verbose) ? LogLevel.Information : LogLevel.Warning,
            };
            var pattern = parse.GetValue(target) is { } text ? TaskPattern.Parse(text) : null;
            return await ExecuteAsync(parse, jugfile, arguments, options, pattern, cancellationToken);
        }, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        ParseResult parse,
        Argument<string?> jugfile,
        Argument<string[]> arguments,
        ExecuteOptions options,
        TaskPattern? pattern,
        CancellationToken cancellationToken)
    {
        // The engine is made when the store is open (barriers may need it while the jugfile loads) and
        // is stopped however the command ends.
        EngineSession? engine = null;
        try
        {
            return await ExecuteAsync(parse, jugfile, arguments, options, pattern, store => engine = new EngineSession(store, options), cancellationToken);
        }
        finally
        {
            if (engine is not null)
            {
                await engine.DisposeAsync();
            }
        }
    }

    private static async Task<int> ExecuteAsync(
        ParseResult parse,
        Argument<string?> jugfile,
        Argument<string[]> arguments,
        ExecuteOptions options,
        TaskPattern? pattern,
        Func<IJugStore, EngineSession> startEngine,
        CancellationToken cancellationToken)
    {
        EngineSession? engine = null;
        EngineRunner? runner = null;
        await using var session = await JugfileSession.OpenAsync(parse, jugfile, arguments, cancellationToken, (store, source) =>
        {
            engine = startEngine(store);
            if (!JugfileBuilder.IsBuilt(source))
            {
                // An edited jugfile usually declares new tasks: start the engine while it compiles.
                engine.StartEarly();
            }

            return runner = new EngineRunner(engine, SummaryPrinter.PrintBarrierRun);
        });
        if (session.Loaded.StoppedAtBarrier)
        {
            // Tasks before a barrier failed (or the run was stopped): the code after it cannot run.
            SummaryPrinter.PrintStoppedAt(runner!.LastBarrier);
            return ExitCodes.NotDone;
        }

        if (pattern is not null && !session.Graph.Tasks.Any(t => pattern.Matches(t.Name)))
        {
            throw new ArgumentException($"No task matches --target '{pattern}'.");
        }

        var scope = JugEngine.ScopeOf(session.Graph, options with { Target = pattern });
        var summary = await ProgressDisplay.RunAsync(progress => engine!.RunAsync(session.Graph, scope, progress, cancellationToken));
        SummaryPrinter.Print(summary);
        return summary.Succeeded ? ExitCodes.Success
            : summary.StopReason == StopReason.Cancelled ? ExitCodes.Interrupted
            : ExitCodes.NotDone;
    }

    private static int AtLeast(int value, int minimum, string option) =>
        value >= minimum ? value : throw new ArgumentException($"{option} must be at least {minimum}.");
}
