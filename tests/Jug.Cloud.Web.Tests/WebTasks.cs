using System.Collections.Concurrent;

namespace Jug.Cloud.Web.Tests;

/// <summary>Task functions for the page's tests.</summary>
public static class WebTasks
{
    private static readonly ConcurrentDictionary<string, bool> Failing = new();
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new();

    public static long Square(long x) => x * x;

    public static long Sum(IReadOnlyList<long> values) => values.Sum();

    /// <summary>Throws while <see cref="FailWhile"/> is set for <paramref name="tag"/>.</summary>
    [JugTask(Attempts = 1)]
    public static long Boom(string tag, long x) =>
        Failing.GetValueOrDefault(tag) ? throw new InvalidOperationException($"boom {tag}") : x;

    /// <summary>Waits until the test lets <paramref name="tag"/> go, so a run is seen while it proceeds.</summary>
    public static long Gated(string tag, long x)
    {
        Gates.GetOrAdd(tag, _ => new SemaphoreSlim(0)).Wait(TimeSpan.FromMinutes(2));
        return x;
    }

    public static void FailWhile(string tag, bool failing) => Failing[tag] = failing;

    public static void Release(string tag, int count) => Gates.GetOrAdd(tag, _ => new SemaphoreSlim(0)).Release(count);
}
