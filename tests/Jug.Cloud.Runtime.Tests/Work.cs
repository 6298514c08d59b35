using System.Collections.Concurrent;

namespace Jug.Cloud.Runtime.Tests;

/// <summary>Task methods for runtime tests; each call is counted under its tag so tests can tell what ran.</summary>
public static class Work
{
    private static readonly ConcurrentDictionary<string, int> Counts = new();

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

    private static void Count(string tag) => Counts.AddOrUpdate(tag, 1, (_, n) => n + 1);
}
