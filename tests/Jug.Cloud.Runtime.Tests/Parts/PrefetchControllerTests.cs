using System.Diagnostics;
using Jug.Cloud.Runtime.Workers;

namespace Jug.Cloud.Runtime.Tests.Parts;

/// <summary>How far ahead of its slots a pool fetches.</summary>
[Trait("Category", "Unit")]
public sealed class PrefetchControllerTests
{
    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    [Fact]
    public void Without_a_horizon_each_slot_holds_its_fixed_number_ahead()
    {
        using var prefetch = new PrefetchController(slots: 4, maxAhead: 64, horizon: null, maxBatch: 256);

        Assert.Equal(4 * 65, prefetch.Capacity);
        Assert.False(prefetch.FollowsTaskTime);
    }

    [Theory]
    [InlineData(1.0, 20)]
    [InlineData(0.5, 40)]
    [InlineData(0.001, 64)]
    [InlineData(100.0, 1)]
    public void With_a_horizon_about_that_much_work_waits_per_slot_within_bounds(double taskMilliseconds, int ahead) =>
        Assert.Equal(ahead, PrefetchController.AheadFor(Ticks(TimeSpan.FromMilliseconds(taskMilliseconds)), TimeSpan.FromMilliseconds(20), maxAhead: 64));

    [Fact]
    public void Before_any_task_ran_one_task_waits_per_slot() =>
        Assert.Equal(1, PrefetchController.AheadFor(0, TimeSpan.FromMilliseconds(20), maxAhead: 64));

    [Fact]
    public async Task A_fetch_takes_all_the_room_there_is_up_to_a_batch_and_room_given_back_is_taken_again()
    {
        using var prefetch = new PrefetchController(slots: 2, maxAhead: 3, horizon: null, maxBatch: 5);

        Assert.Equal(5, await prefetch.ReserveAsync(CancellationToken.None));
        Assert.Equal(3, await prefetch.ReserveAsync(CancellationToken.None));
        var full = prefetch.ReserveAsync(CancellationToken.None);
        Assert.False(full.IsCompleted);

        // The waiting fetch wakes with one permit and takes what else is free (when it runs, the rest may
        // still be on its way): the room given back is taken again, and no more.
        prefetch.Return(2);
        var taken = await full;
        if (taken < 2)
        {
            taken += await prefetch.ReserveAsync(CancellationToken.None);
        }

        Assert.Equal(2, taken);
        var next = prefetch.ReserveAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);
        prefetch.Started();
        Assert.Equal(1, await next);
    }

    [Fact]
    public async Task With_a_horizon_the_room_grows_once_tasks_are_seen_to_be_short_and_shrinks_when_they_are_long()
    {
        using var prefetch = new PrefetchController(slots: 2, maxAhead: 64, horizon: TimeSpan.FromMilliseconds(20), maxBatch: 1);
        Assert.True(prefetch.FollowsTaskTime);
        Assert.Equal(PrefetchController.CapacityFor(2, 1), prefetch.Capacity);

        prefetch.Ran(Ticks(TimeSpan.FromMilliseconds(1)));
        prefetch.Return(await prefetch.ReserveAsync(CancellationToken.None));
        Assert.Equal(PrefetchController.CapacityFor(2, 20), prefetch.Capacity);

        for (var i = 0; i < 64; i++)
        {
            prefetch.Ran(Ticks(TimeSpan.FromSeconds(1)));
        }

        prefetch.Return(await prefetch.ReserveAsync(CancellationToken.None));
        Assert.Equal(PrefetchController.CapacityFor(2, 1), prefetch.Capacity);
    }
}
