using System.Collections.Concurrent;
using static Jug.Cloud.Jug;

namespace Jug.Cloud.Runtime.Tests;

/// <summary>The task functions of Jug's own test jugfiles (compound, compound_wbarrier, slice_task, tasklets), in C#.</summary>
public static class JugExamples
{
    private static readonly ConcurrentDictionary<string, int> Builds = new();

    public static int BuildsOf(string tag) => Builds.GetValueOrDefault(tag);

    public static long Double(long x) => 2 * x;

    public static int Index(int i) => i;

    public static int Zero() => 0;

    public static List<long> Range10() => Range(10);

    public static async Task<int> ThreeLater()
    {
        await System.Threading.Tasks.Task.Yield();
        return 3;
    }

    public static List<long> Range(int n) => [.. Enumerable.Range(0, n).Select(i => (long)i)];

    public static Dictionary<string, long> Ages(int ann, int bob) => new() { ["ann"] = ann, ["bob"] = bob };

    public static string Name(string name) => name;

    public static (long, long) Plus1(long x) => (x, 1 + x);

    public static long[] DoubleAll(long[] xs) => [.. xs.Select(x => x * 2)];

    public static long Sum2(long a, long b) => a + b;

    public static long PlusOne(long x) => x + 1;

    public static long Fail(long x) => throw new InvalidOperationException($"no {x}");

    /// <summary>Jug's <c>twice</c> as the brief gives it: the builder declares a task on its handle argument.</summary>
    public static Handle<long> Twice(string tag, Handle<long> x)
    {
        Builds.AddOrUpdate(tag, 1, (_, c) => c + 1);
        return Task(Double, x);
    }

    /// <summary>compound_wbarrier.py's <c>twice</c>: it needs the value of its first task to declare the second.</summary>
    public static Handle<long> TwiceWithBarrier(string tag, Handle<long> x)
    {
        Builds.AddOrUpdate(tag, 1, (_, c) => c + 1);
        var x2 = Task(Double, x);
        Barrier();
        return Task(Double, Value(x2));
    }

    /// <summary>The same with <c>BValue</c>, which runs only what the value needs.</summary>
    public static Handle<long> TwiceWithBValue(string tag, Handle<long> x)
    {
        Builds.AddOrUpdate(tag, 1, (_, c) => c + 1);
        return Task(Double, BValue(Task(Double, x)));
    }
}
