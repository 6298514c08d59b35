using Jug.Cloud.Runtime.Contracts;

namespace Jug.Cloud.Runtime.Monitoring;

/// <summary>What a dispatcher remembers of reports for monitors: throughput per interval and the latest failed attempts.</summary>
public sealed class RunActivity
{
    private readonly ThroughputMeter _throughput = new();
    private readonly RecentFailures _failures = new();

    /// <summary>Counts one report of <paramref name="worker"/>: <paramref name="stored"/> tasks stored, and each failed attempt in <paramref name="outcomes"/>.</summary>
    public void Reported(string worker, TaskOutcome[] outcomes, int stored, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var at = new DateTimeOffset(now, TimeSpan.Zero);
        var failed = 0;
        foreach (var outcome in outcomes)
        {
            if (outcome.Kind == OutcomeKind.Failed)
            {
                failed++;
                _failures.Add(new FailureView(outcome.Hash, null, outcome.Error, outcome.Attempt, outcome.MaxAttempts, worker, at));
            }
        }

        _throughput.Record(at, stored, failed);
    }

    /// <summary>The latest failed attempts, newest first.</summary>
    public FailureView[] RecentFailures() => _failures.Newest();

    /// <summary>Tasks finished per interval over the last hour up to <paramref name="now"/>.</summary>
    public ThroughputView Throughput(DateTimeOffset now) => _throughput.Read(now);
}
