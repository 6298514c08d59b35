using Jug.Cloud.Client;
using Spectre.Console;

namespace Jug.Cloud.Cli.Output;

/// <summary>
/// Shows an execution's progress: a live bar (done / running / failed, rate, ETA) on a terminal;
/// plain lines, at most one a second, when output is redirected.
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
                var rate = new RateMeter();
                summary = await execute(new Progress<ExecutionProgress>(p =>
                {
                    bar.MaxValue = Math.Max(1, p.Total);
                    bar.Value = p.Done + p.Failed;
                    bar.Description = Markup.Escape(Describe(p, rate.Add(p.Elapsed, p.Executed)));
                }));
                bar.Value = bar.MaxValue;
            });
        return summary!;
    }

    public static string Describe(ExecutionProgress p, double rate) =>
        $"{p.Done}/{p.Total} done, {p.Running} running, {p.Failed} failed, {rate:0.#} tasks/s";

    /// <summary>Plain lines for logs and pipes: at most one a second, with the rate and an estimate of the time left.</summary>
    private sealed class PlainProgress : IProgress<ExecutionProgress>
    {
        private readonly RateMeter _rate = new();
        private TimeSpan _last = TimeSpan.MinValue;

        public void Report(ExecutionProgress value)
        {
            var rate = _rate.Add(value.Elapsed, value.Executed);
            if (_last != TimeSpan.MinValue && value.Elapsed - _last < TimeSpan.FromSeconds(1))
            {
                return;
            }

            _last = value.Elapsed;
            var remaining = value.Total - value.Done - value.Failed;
            var eta = rate > 0 && remaining > 0 ? $", about {TimeSpan.FromSeconds(Math.Ceiling(remaining / rate)):g} left" : "";
            Console.WriteLine($"[{value.Elapsed.TotalSeconds,6:0.0}s] {Describe(value, rate)}{eta}");
        }
    }
}
