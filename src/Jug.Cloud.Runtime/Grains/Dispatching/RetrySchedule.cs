namespace Jug.Cloud.Runtime.Grains.Dispatching;

/// <summary>
/// Which attempt each failed task is on and how long it waits before the next: the retry delay,
/// doubled per earlier failure, at most <see cref="MaxDelay"/>. Counts the retries waiting.
/// </summary>
internal sealed class RetrySchedule
{
    /// <summary>The longest a failed task waits before it is queued again.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);

    private readonly Dictionary<TaskHash, int> _failedAttempts = [];

    /// <summary>The wait before the second attempt (the run's retry delay).</summary>
    public TimeSpan RetryDelay { get; set; }

    /// <summary>Failed tasks waiting for their backoff.</summary>
    public int Waiting { get; private set; }

    /// <summary>The wait after failed attempt <paramref name="failedAttempt"/> (1 for the first).</summary>
    public static TimeSpan DelayAfter(TimeSpan retryDelay, int failedAttempt)
    {
        var delay = retryDelay * Math.Pow(2, Math.Min(failedAttempt - 1, 16));
        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>The attempt <paramref name="hash"/> is on when handed out now.</summary>
    public int NextAttempt(TaskHash hash) => 1 + _failedAttempts.GetValueOrDefault(hash);

    /// <summary>
    /// Attempt <paramref name="failedAttempt"/> of <paramref name="hash"/> failed and it runs again:
    /// it waits from now, for the returned time, until <see cref="Due"/>.
    /// </summary>
    public TimeSpan Schedule(TaskHash hash, int failedAttempt)
    {
        _failedAttempts[hash] = failedAttempt;
        Waiting++;
        return DelayAfter(RetryDelay, failedAttempt);
    }

    /// <summary>A scheduled retry's wait is over.</summary>
    public void Due() => Waiting--;

    /// <summary>Attempt <paramref name="failedAttempt"/> of <paramref name="hash"/> failed for good.</summary>
    public void FailedForGood(TaskHash hash, int failedAttempt) => _failedAttempts[hash] = failedAttempt;

    /// <summary>The task succeeded: its failures no longer count.</summary>
    public void Forget(TaskHash hash) => _failedAttempts.Remove(hash);
}
