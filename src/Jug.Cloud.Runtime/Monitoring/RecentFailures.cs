namespace Jug.Cloud.Runtime.Monitoring;

/// <summary>The latest failed attempts of a run, at most <see cref="Capacity"/> of them, for monitors.</summary>
public sealed class RecentFailures
{
    /// <summary>How many failed attempts are kept.</summary>
    public const int Capacity = 100;

    private readonly Queue<FailureView> _failures = new();

    /// <summary>Keeps one failed attempt, dropping the oldest past <see cref="Capacity"/>.</summary>
    public void Add(FailureView failure)
    {
        if (_failures.Count == Capacity)
        {
            _failures.Dequeue();
        }

        _failures.Enqueue(failure);
    }

    /// <summary>The kept failures, newest first.</summary>
    public FailureView[] Newest() => [.. _failures.Reverse()];
}
