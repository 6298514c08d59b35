using Jug.Cloud.Hashing;
using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Runtime.Monitoring;

namespace Jug.Cloud.Runtime.Tests;

[Trait("Category", "Unit")]
public sealed class MonitoringTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static TaskHash Key(int i) => CanonicalHash.OfValue($"monitor-test-{i}");

    [Fact]
    public void Throughput_counts_each_interval_apart_and_forgets_intervals_older_than_an_hour()
    {
        var meter = new ThroughputMeter();
        meter.Record(Noon, completed: 5, failed: 1);
        meter.Record(Noon.AddSeconds(3), completed: 2, failed: 0);
        meter.Record(Noon.AddSeconds(25), completed: 7, failed: 2);

        var view = meter.Read(Noon.AddSeconds(25));
        Assert.Equal(ThroughputMeter.Intervals, view.Completed.Length);
        Assert.Equal([7, 0, 7], view.Completed[^3..]);
        Assert.Equal([1, 0, 2], view.Failed[^3..]);
        Assert.Equal(14, view.Completed.Sum());
        Assert.Equal(Noon.AddSeconds(20), view.Start + (view.Interval * (ThroughputMeter.Intervals - 1)));

        // An hour later the old intervals are gone, whether or not anything was recorded in between.
        var later = meter.Read(Noon.AddHours(1).AddSeconds(15));
        Assert.Equal(7, later.Completed.Sum());
        meter.Record(Noon.AddHours(2), completed: 1, failed: 0);
        Assert.Equal(1, meter.Read(Noon.AddHours(2)).Completed.Sum());
    }

    [Fact]
    public void Recent_failures_keep_the_newest_hundred_newest_first()
    {
        var failures = new RecentFailures();
        for (var i = 0; i < RecentFailures.Capacity + 20; i++)
        {
            failures.Add(new FailureView(Key(i), null, $"error {i}", 1, 3, "w", Noon.AddSeconds(i)));
        }

        var newest = failures.Newest();
        Assert.Equal(RecentFailures.Capacity, newest.Length);
        Assert.Equal($"error {RecentFailures.Capacity + 19}", newest[0].Error);
        Assert.Equal("error 20", newest[^1].Error);
    }

    [Fact]
    public void Run_times_are_summed_per_name_with_their_maximum()
    {
        var times = new NameRunTimes();
        times.Add("A.F", 0.5);
        times.Add("A.F", 1.5);
        times.Add("B.G", 2);
        times.Add("A.F", 1);

        var f = times.With(new NameCounts("A.F", 0, 0, 3, 0, null));
        Assert.Equal(3, f.TimedRuns);
        Assert.Equal(TimeSpan.FromSeconds(1), f.MeanRunTime);
        Assert.Equal(TimeSpan.FromSeconds(1.5), f.MaxRunTime);
        Assert.Equal(TimeSpan.FromSeconds(2), times.With(new NameCounts("B.G", 0, 0, 1, 0, null)).MaxRunTime);
        Assert.Null(times.With(new NameCounts("C.H", 1, 0, 0, 0, null)).MeanRunTime);
    }

    [Fact]
    public void Merging_counts_adds_every_state_and_run_time_per_name()
    {
        var merged = NameCounts.Merge(
        [
            new NameCounts("A", 1, 2, 3, 0, null) { Running = 1, TimedRuns = 3, TotalSeconds = 3, MaxSeconds = 2 },
            new NameCounts("B", 0, 0, 1, 1, "boom"),
            new NameCounts("A", 4, 0, 1, 1, "bad") { Running = 2, TimedRuns = 1, TotalSeconds = 5, MaxSeconds = 5 },
        ]);

        Assert.Equal(["A", "B"], merged.Select(c => c.Name));
        var a = merged[0];
        Assert.Equal((5, 2, 4, 1, 3, "bad"), (a.Waiting, a.Ready, a.Done, a.Failed, a.Running, a.LastError));
        Assert.Equal(TimeSpan.FromSeconds(2), a.MeanRunTime);
        Assert.Equal(TimeSpan.FromSeconds(5), a.MaxRunTime);
        Assert.Equal("boom", merged[1].LastError);
    }
}
