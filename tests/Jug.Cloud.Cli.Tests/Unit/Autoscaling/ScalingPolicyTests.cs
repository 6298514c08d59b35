using Jug.Cloud.Autoscaling;
using Jug.Cloud.Autoscaling.Providers;
using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Runtime.Monitoring;
using Microsoft.Extensions.Time.Testing;

namespace Jug.Cloud.Cli.Tests.Unit.Autoscaling;

/// <summary>The autoscaler's policy on a fake clock: up at once and bounded, down only after the idle timeout, within min and max.</summary>
[Trait("Category", "Unit")]
public sealed class ScalingPolicyTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static readonly ScalingPolicyOptions Options = new()
    {
        MinSilos = 0,
        MaxSilos = 3,
        SlotsPerSilo = 16,
        TargetDuration = TimeSpan.FromSeconds(30),
        IdleTimeout = TimeSpan.FromSeconds(10),
        UnknownTaskDuration = TimeSpan.FromSeconds(0.5),
    };

    /// <summary><paramref name="ready"/> tasks of one name whose mean run time is <paramref name="mean"/> seconds (unknown if null).</summary>
    private static DemandSample Work(int ready, double? mean = null, int running = 0, int silos = 1) =>
        new([new NameCounts("Nap", 0, ready, 0, 0, null) { Running = running, TimedRuns = mean is null ? 0 : 10, TotalSeconds = (mean ?? 0) * 10 }], silos, 0);

    [Fact]
    public void A_backlog_scales_up_at_once_to_the_work_over_the_target_within_max()
    {
        var policy = new ScalingPolicy(Options, _clock);

        // 20,000 × 0.02 s = 400 s over 30 s = 13.3 slots → 1 silo of 16.
        var small = policy.Decide(0, Work(20_000, 0.02));
        Assert.Equal(1, small.Target);
        Assert.StartsWith("scale 0 → 1: 20000 ready + 0 running × 0.02 s = 400 s of work", small.Reason, StringComparison.Ordinal);

        // Unknown run time (0.5 s): 10,000 s → 21 silos, clamped to 3.
        var large = policy.Decide(1, Work(20_000));
        Assert.Equal(3, large.Target);
        Assert.Equal(3, large.Recommended);
        Assert.Contains("→ 3 (min 0, max 3)", large.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void One_step_adds_at_most_max_of_five_and_speed_times_current()
    {
        var policy = new ScalingPolicy(Options with { MaxSilos = 100, UpscalingSpeed = 2 }, _clock);
        var huge = Work(1_000_000);

        Assert.Equal(5, policy.Decide(0, huge).Target);     // max(5, 2 × 0)
        Assert.Equal(15, policy.Decide(5, huge).Target);    // 5 + max(5, 10)
        var step = policy.Decide(15, huge);
        Assert.Equal(45, step.Target);                      // 15 + 30
        Assert.Contains("at most 30 more a step", step.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Scale_down_waits_for_the_idle_timeout_and_keeps_the_highest_recommendation_seen()
    {
        var policy = new ScalingPolicy(Options, _clock);
        Assert.False(policy.Decide(3, Work(0, silos: 3)).Changes);
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(policy.Decide(3, Work(500, 0.5, silos: 3)).Changes); // 250 s → 1 silo: still lower than 3
        _clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(policy.Decide(3, Work(0, silos: 3)).Changes);
        _clock.Advance(TimeSpan.FromSeconds(0.1));

        var down = policy.Decide(3, Work(0, silos: 3));
        Assert.Equal(1, down.Target); // the highest lower recommendation in the window, not the last one
        Assert.Contains("draining 2", down.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_higher_recommendation_restarts_the_idle_timeout()
    {
        var policy = new ScalingPolicy(Options, _clock);
        Assert.False(policy.Decide(2, Work(0)).Changes);
        _clock.Advance(TimeSpan.FromSeconds(8));
        Assert.False(policy.Decide(2, Work(1_000, 0.5)).Changes); // 500 s → 2 silos: as many as there are
        _clock.Advance(TimeSpan.FromSeconds(8));
        Assert.False(policy.Decide(2, Work(0)).Changes);          // lower again: the wait starts over
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, policy.Decide(2, Work(0)).Target);
    }

    [Fact]
    public void Zero_backlog_goes_to_min_and_a_waiting_submitter_asks_for_one_silo()
    {
        var policy = new ScalingPolicy(Options with { MinSilos = 1 }, _clock);
        Assert.Equal(1, policy.Decide(0, DemandSample.Idle).Target); // below min: up at once
        Assert.False(policy.Decide(1, DemandSample.Idle).Changes);

        var none = new ScalingPolicy(Options, _clock);
        Assert.False(none.Decide(0, DemandSample.Idle).Changes);
        var waiting = none.Decide(0, new DemandSample([], 0, 1));
        Assert.Equal(1, waiting.Target);
        Assert.Contains("1 submitter(s) waiting for a first silo", waiting.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Running_work_counts_and_backlog_per_silo_is_work_over_the_target()
    {
        var policy = new ScalingPolicy(Options with { MaxSilos = 10 }, _clock);
        var step = policy.Decide(0, Work(0, 1.0, running: 100)); // 100 s → 100/30/16 → 1
        Assert.Equal(1, step.Target);
        Assert.Equal(100, step.WorkSeconds, 3);
        Assert.Equal(100, step.BacklogPerSilo, 3);
    }

    [Fact]
    public void Ready_tasks_requiring_a_tag_the_fleet_lacks_are_left_out_of_the_work()
    {
        // 1,000 unknown-duration tasks (500 s → 2 silos of 16 at 30 s), 960 of them waiting for an fpga silo.
        var demand = Work(1_000) with { RequiredTags = new Dictionary<string, long> { ["fpga"] = 960 } };

        var untagged = new ScalingPolicy(Options, _clock).Decide(0, demand);
        Assert.Equal(20, untagged.WorkSeconds, 3); // 40 × 0.5 s
        Assert.Equal(1, untagged.Target);
        Assert.Equal(960, untagged.UnservedTasks);
        Assert.Equal(960, untagged.Unserved["fpga"]);
        Assert.Contains("40 ready + 0 running", untagged.Reason, StringComparison.Ordinal);
        Assert.Contains("960 more ready need tags this fleet lacks", untagged.Reason, StringComparison.Ordinal);

        // Only those: nothing to start silos for.
        var onlyTagged = Work(960) with { RequiredTags = new Dictionary<string, long> { ["fpga"] = 960 } };
        Assert.False(new ScalingPolicy(Options, _clock).Decide(0, onlyTagged).Changes);

        // A queue depth above the ready count (stale entries) never makes the work negative.
        var stale = Work(10) with { RequiredTags = new Dictionary<string, long> { ["fpga"] = 50 } };
        var step = new ScalingPolicy(Options, _clock).Decide(0, stale);
        Assert.Equal(0, step.WorkSeconds);
        Assert.Equal(10, step.UnservedTasks);
    }

    [Fact]
    public void Ready_tasks_requiring_a_tag_the_fleet_has_count_as_work()
    {
        var demand = Work(1_000) with { RequiredTags = new Dictionary<string, long> { ["fpga"] = 960, ["gpu"] = 40 } };
        var tagged = new ScalingPolicy(Options with { FleetTags = new HashSet<string>(["fpga", "gpu"], StringComparer.Ordinal) }, _clock).Decide(0, demand);
        Assert.Equal(500, tagged.WorkSeconds, 3);
        Assert.Equal(2, tagged.Target);
        Assert.Empty(tagged.Unserved);
        Assert.DoesNotContain("lacks", tagged.Reason, StringComparison.Ordinal);

        // One of two tags: only the other's tasks are left out.
        var fpgaOnly = new ScalingPolicy(Options with { FleetTags = new HashSet<string>(["fpga"], StringComparer.Ordinal) }, _clock).Decide(0, demand);
        Assert.Equal(480, fpgaOnly.WorkSeconds, 3);
        Assert.Equal(new[] { "gpu" }, fpgaOnly.Unserved.Keys);
    }

    [Fact]
    public void Only_required_tag_queues_count_as_tagged_work_preferred_ones_are_ordinary()
    {
        var byTag = DemandSample.RequiredByTag(
        [
            new QueueDepth(QueueKind.Shared, "", 100),
            new QueueDepth(QueueKind.Required, "fpga", 5),
            new QueueDepth(QueueKind.Preferred, "gpu", 7),
            new QueueDepth(QueueKind.Local, "silo-1", 3),
            new QueueDepth(QueueKind.Required, "fpga", 2), // a second run's queue
        ]);
        Assert.Equal(new Dictionary<string, long> { ["fpga"] = 7 }, byTag);
    }

    [Fact]
    public async Task The_autoscaler_logs_tagged_work_it_leaves_out_once_per_change()
    {
        var demand = new FixedDemand(Work(30) with { RequiredTags = new Dictionary<string, long> { ["fpga"] = 30 } });
        List<string> log = [];
        await using var fleet = new CommandFleetProvider(": {count}", 0, TimeSpan.FromMinutes(1), log.Add);
        var autoscaler = new Autoscaler(demand, fleet, new ScalingPolicy(Options, _clock), TimeSpan.FromSeconds(1), _clock, log.Add);

        await autoscaler.StepAsync(CancellationToken.None);
        await autoscaler.StepAsync(CancellationToken.None);
        demand.Sample = Work(31) with { RequiredTags = new Dictionary<string, long> { ["fpga"] = 31 } };
        await autoscaler.StepAsync(CancellationToken.None);
        await autoscaler.StepAsync(CancellationToken.None);

        Assert.Equal(
            new[] { "30 ready tasks need tag fpga, which silos of this fleet do not have", "31 ready tasks need tag fpga, which silos of this fleet do not have" },
            log.Where(l => l.Contains("need tag", StringComparison.Ordinal)));
        Assert.Equal(0, fleet.Current); // nothing started for work no silo of the fleet could run
    }

    [Theory]
    [InlineData(-1, 3, "--min")]
    [InlineData(4, 3, "--max")]
    [InlineData(0, 0, "--max")]
    public void Bad_bounds_are_refused_naming_the_option(int min, int max, string option)
    {
        var error = Assert.Throws<ArgumentException>(() => new ScalingPolicy(Options with { MinSilos = min, MaxSilos = max }, _clock));
        Assert.StartsWith(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_provider_substitutes_only_the_count_and_keeps_the_old_count_when_the_command_fails()
    {
        var file = Path.Combine(Path.GetTempPath(), $"jugcloud-scale-{Guid.NewGuid():n}");
        try
        {
            List<string> log = [];
            var provider = new CommandFleetProvider($"echo size={{count}} > '{file}'", 2, TimeSpan.FromMinutes(1), log.Add);
            await provider.ScaleAsync(5, CancellationToken.None);
            Assert.Equal("size=5", (await File.ReadAllTextAsync(file)).Trim());
            Assert.Equal(5, provider.Current);

            var failing = new CommandFleetProvider("echo {count}; exit 3", 2, TimeSpan.FromMinutes(1), log.Add);
            var error = await Assert.ThrowsAsync<FleetProviderException>(() => failing.ScaleAsync(4, CancellationToken.None));
            Assert.Contains("exited with 3", error.Message, StringComparison.Ordinal);
            Assert.Equal(2, failing.Current);
            Assert.Contains("[scale-command] 4", log);
            Assert.Throws<ArgumentException>(() => new CommandFleetProvider("resize --size 3", 0, TimeSpan.FromMinutes(1), log.Add));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A reading the test sets: the policy and the log are what is tested, not the cluster.</summary>
    private sealed class FixedDemand(DemandSample sample) : IDemandSource
    {
        public DemandSample Sample { get; set; } = sample;

        public Task<DemandSample?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult<DemandSample?>(Sample);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
