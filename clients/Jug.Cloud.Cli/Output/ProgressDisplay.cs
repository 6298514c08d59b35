using Jug.Cloud.Client;
using Spectre.Console;

namespace Jug.Cloud.Cli.Output;

/// <summary>
/// Shows an execution's progress: a live bar on a terminal; plain lines, at most one a second, when
/// output is redirected.
/// </summary>
internal static class ProgressDisplay
{
    public static async Task<ExecutionSummary> RunAsync(Func<IProgress<ExecutionProgress>, Task<ExecutionSummary>> execute)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await execute(new PlainProgress());
        }

        ExecutionSummary? summary = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("starting", maxValue: 1);
                summary = await execute(new Progress<ExecutionProgress>(p =>
                {
                    bar.MaxValue = Math.Max(1, p.Total);
                    bar.Value = p.Done + p.Failed;
                    bar.Description = Describe(p);
                }));
                bar.Value = bar.MaxValue;
            });
        return summary!;
    }

    public static string Describe(ExecutionProgress p)
    {
        var rate = p.Elapsed.TotalSeconds > 0 ? p.Executed / p.Elapsed.TotalSeconds : 0;
        return $"{p.Done}/{p.Total} done, {p.Running} running, {p.Failed} failed, {rate:0.#} tasks/s";
    }

    private sealed class PlainProgress : IProgress<ExecutionProgress>
    {
        private DateTime _last = DateTime.MinValue;

        public void Report(ExecutionProgress value)
        {
            var now = DateTime.UtcNow;
            if (now - _last < TimeSpan.FromSeconds(1))
            {
                return;
            }

            _last = now;
            Console.WriteLine($"[{value.Elapsed.TotalSeconds,6:0.0}s] {Describe(value)}");
        }
    }
}
