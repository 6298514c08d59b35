using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Runtime.Monitoring;

namespace Jug.Cloud.Telemetry.Tests;

[Trait("Category", "Unit")]
public sealed class FleetSizerTests
{
    private static NameCounts Name(string name, int ready, int running, int timedRuns = 0, double totalSeconds = 0) =>
        new(name, Waiting: 7, ready, Done: timedRuns, Failed: 0, LastError: null)
        {
            Running = running,
            TimedRuns = timedRuns,
            TotalSeconds = totalSeconds,
        };

    [Fact]
    public void Work_weighs_ready_and_running_tasks_by_their_names_mean_and_ignores_waiting_and_done()
    {
        var sizer = new FleetSizer(new FleetSizerOptions { UnknownTaskDuration = TimeSpan.FromSeconds(2) });

        // a: mean 3 s, 10 ready + 2 running = 36 s; b: no finished task, 5 ready at the assumed 2 s = 10 s.
        var work = sizer.WorkSeconds([Name("a", ready: 10, running: 2, timedRuns: 4, totalSeconds: 12), Name("b", ready: 5, running: 0)]);

        Assert.Equal(46, work, precision: 9);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(480, 1)]
    [InlineData(481, 2)]
    [InlineData(4800, 10)]
    [InlineData(1e9, 25)]
    public void Desired_silos_is_the_ceiling_of_work_over_target_over_slots_within_the_bounds(double workSeconds, int expected)
    {
        // 60 s target, 8 slots per silo: one silo does 480 s of work in the target time.
        var sizer = new FleetSizer(new FleetSizerOptions { TargetDuration = TimeSpan.FromSeconds(60), SlotsPerSilo = 8, MinSilos = 0, MaxSilos = 25 });

        Assert.Equal(expected, sizer.DesiredSilos(workSeconds));
    }

    [Fact]
    public void No_work_asks_for_the_minimum()
    {
        var sizer = new FleetSizer(new FleetSizerOptions { SlotsPerSilo = 4, MinSilos = 1, MaxSilos = 3 });

        Assert.Equal(1, sizer.DesiredSilos(0));
        Assert.Equal(1, sizer.DesiredSilos(double.NaN));
        Assert.Equal(1, sizer.DesiredSilos([]));
    }

    [Fact]
    public void Desired_silos_adds_up_the_work_of_every_run()
    {
        var sizer = new FleetSizer(new FleetSizerOptions { TargetDuration = TimeSpan.FromSeconds(10), SlotsPerSilo = 2, MaxSilos = 100 });
        RunView Run(params NameCounts[] names) => new("r", new Runtime.Contracts.RunProgress(0, 0, 0, 0, 0, false), names, [], [], [], [], new ThroughputView(DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(10), [], []));

        // 30 s + 15 s = 45 s of work over 2 slots for 10 s: ceil(2.25) = 3.
        var desired = sizer.DesiredSilos([Run(Name("a", ready: 10, running: 0, timedRuns: 1, totalSeconds: 3)), Run(Name("b", ready: 0, running: 3, timedRuns: 2, totalSeconds: 10))]);

        Assert.Equal(3, desired);
    }

    [Fact]
    public void Bad_bounds_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FleetSizer(new FleetSizerOptions { MinSilos = 3, MaxSilos = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FleetSizer(new FleetSizerOptions { SlotsPerSilo = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FleetSizer(new FleetSizerOptions { TargetDuration = TimeSpan.Zero }));
    }
}
