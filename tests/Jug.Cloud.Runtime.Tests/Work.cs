using System.Collections.Concurrent;

namespace Jug.Cloud.Runtime.Tests;

/// <summary>Task methods for runtime tests; each call is counted under its tag so tests can tell what ran.</summary>
public static class Work
{
    private static readonly ConcurrentDictionary<string, int> Counts = new();
    private static readonly ConcurrentDictionary<string, TaskGate> Gates = new();
    private static readonly ConcurrentDictionary<string, CountdownEvent> Pairs = new();

    public static int CallsOf(string tag) => Counts.GetValueOrDefault(tag);

    public static long Leaf(string tag, int i)
    {
        Count(tag);
        return i;
    }

    public static long Add(string tag, long a, long b)
    {
        Count(tag);
        return a + b;
    }

    public static long Sum(string tag, IReadOnlyList<long> xs)
    {
        Count(tag);
        return xs.Sum();
    }

    public static long Boom(string tag, long x)
    {
        Count(tag);
        throw new InvalidOperationException($"boom at {x}");
    }

    public static long Slow(string tag, int i)
    {
        Count(tag);
        Thread.Sleep(20);
        return i;
    }

    public static double[] Series(string tag, int n)
    {
        Count(tag);
        return Enumerable.Range(0, n).Select(i => i * 0.5).ToArray();
    }

    public static double Mean(string tag, double[] xs)
    {
        Count(tag);
        return xs.Average();
    }

    /// <summary>Throws on the first <paramref name="failures"/> calls with this tag, then returns <paramref name="x"/>.</summary>
    public static long Flaky(string tag, int failures, long x)
    {
        Count(tag);
        return CallsOf(tag) <= failures ? throw new IOException($"flaky call {CallsOf(tag)}") : x;
    }

    /// <summary>Fails quoting an address with a password, as code that opens its own connections may.</summary>
    [JugTask(Attempts = 1)]
    public static long LeakyFailure(string tag, string password)
    {
        Count(tag);
        throw new InvalidOperationException($"cannot reach redis://app:{password}@10.0.0.9:6379/0");
    }

    [JugTask(Attempts = 1)]
    public static long BoomOnce(string tag, long x)
    {
        Count(tag);
        throw new InvalidOperationException($"boom at {x}");
    }

    /// <summary>Sleeps in small steps, stopping when its cancellation token fires.</summary>
    [JugTask(TimeoutSeconds = 0.3, Attempts = 2)]
    public static long Patient(string tag, int seconds)
    {
        Count(tag);
        Task.Delay(TimeSpan.FromSeconds(seconds), Jug.CancellationToken).GetAwaiter().GetResult();
        return seconds;
    }

    /// <summary>Ignores cancellation: its thread is abandoned at the timeout.</summary>
    [JugTask(TimeoutSeconds = 0.3, Attempts = 1)]
    public static long Stubborn(string tag, int seconds)
    {
        Count(tag);
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        return seconds;
    }

    /// <summary>Sorts its input in place: the mutation <c>--debug</c> exists to catch.</summary>
    public static double Median(string tag, double[] xs)
    {
        Count(tag);
        Array.Sort(xs);
        return xs[xs.Length / 2];
    }

    public static double[] Reversed(string tag, int n)
    {
        Count(tag);
        return Enumerable.Range(0, n).Select(i => (double)(n - i)).ToArray();
    }

    /// <summary>
    /// Like <see cref="Slow"/>, but the first two calls of a tag wait for each other (a minute at most):
    /// with one slot per engine, two engines on one jugdir must each have run one, however busy the
    /// machine is.
    /// </summary>
    public static long Paired(string tag, int i)
    {
        var pair = Pairs.GetOrAdd(tag, _ => new CountdownEvent(2));
        if (pair.TrySignal())
        {
            pair.Wait(TimeSpan.FromMinutes(1));
        }

        return Slow(tag, i);
    }

    /// <summary>Opens a gate for <see cref="Gated"/> calls with <paramref name="tag"/>; they wait until it is opened.</summary>
    public static TaskGate Gate(string tag) => Gates.GetOrAdd(tag, _ => new TaskGate());

    /// <summary>Signals that it started, then waits for the test to open its tag's gate (<see cref="Gate"/>).</summary>
    public static long Gated(string tag, int i)
    {
        Count(tag);
        var gate = Gate(tag);
        gate.Entered.TrySetResult();
        gate.Open.Wait(TimeSpan.FromMinutes(2));
        return i;
    }

    private static void Count(string tag) => Counts.AddOrUpdate(tag, 1, (_, n) => n + 1);
}

/// <summary>Holds <see cref="Work.Gated"/> tasks: <see cref="Entered"/> completes when one starts; they return once <see cref="Open"/> is set.</summary>
public sealed class TaskGate : IDisposable
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ManualResetEventSlim Open { get; } = new();

    public void Dispose() => Open.Dispose();
}

/// <summary><see cref="CountdownEvent.Signal()"/> that does nothing once the count is reached.</summary>
internal static class CountdownEventExtensions
{
    /// <summary>Signals if the count is not yet reached; true if this call was one of the counted ones.</summary>
    public static bool TrySignal(this CountdownEvent countdown)
    {
        lock (countdown)
        {
            if (countdown.IsSet)
            {
                return false;
            }

            countdown.Signal();
            return true;
        }
    }
}
