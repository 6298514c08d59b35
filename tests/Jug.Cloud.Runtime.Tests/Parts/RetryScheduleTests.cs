using Jug.Cloud.Hashing;
using Jug.Cloud.Runtime.Grains.Dispatching;

namespace Jug.Cloud.Runtime.Tests.Parts;

/// <summary>Attempts and backoff of failed tasks.</summary>
[Trait("Category", "Unit")]
public sealed class RetryScheduleTests
{
    private static TaskHash Hash(int i) => CanonicalHash.OfValue($"retry-schedule-{i}");

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    public void The_wait_doubles_with_each_failed_attempt(int failedAttempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetrySchedule.DelayAfter(TimeSpan.FromSeconds(1), failedAttempt));

    [Theory]
    [InlineData(7)]
    [InlineData(17)]
    [InlineData(1000)]
    public void The_wait_is_at_most_a_minute(int failedAttempt) =>
        Assert.Equal(TimeSpan.FromMinutes(1), RetrySchedule.DelayAfter(TimeSpan.FromSeconds(1), failedAttempt));

    [Fact]
    public void A_scheduled_retry_waits_until_due_and_runs_as_the_next_attempt()
    {
        var retries = new RetrySchedule { RetryDelay = TimeSpan.FromMilliseconds(100) };
        Assert.Equal(1, retries.NextAttempt(Hash(1)));

        var delay = retries.Schedule(Hash(1), 2);

        Assert.Equal(TimeSpan.FromMilliseconds(200), delay);
        Assert.Equal(1, retries.Waiting);
        Assert.Equal(3, retries.NextAttempt(Hash(1)));
        retries.Due();
        Assert.Equal(0, retries.Waiting);
        Assert.Equal(3, retries.NextAttempt(Hash(1)));
    }

    [Fact]
    public void A_task_that_succeeds_starts_again_from_its_first_attempt_and_one_failed_for_good_keeps_its_count()
    {
        var retries = new RetrySchedule();
        retries.Schedule(Hash(1), 1);
        retries.Due();
        retries.FailedForGood(Hash(2), 3);

        retries.Forget(Hash(1));

        Assert.Equal(1, retries.NextAttempt(Hash(1)));
        Assert.Equal(4, retries.NextAttempt(Hash(2)));
    }
}
