namespace Jug.Cloud.Sdk.Tests;

public record Point(double X, double Y);

public record Summary(string Label, Point Centre, long[] Counts);

public static class SampleTasks
{
    public static long Square(int i) => (long)i * i;

    public static long[] SumAndCount(IReadOnlyList<long> xs) => [xs.Sum(), xs.Count];

    public static double Divide(long a, long b) => (double)a / b;

    public static long SumArray(long[] xs) => xs.Sum();

    public static long SumList(List<long> xs) => xs.Sum();

    public static long SumEnumerable(IEnumerable<long> xs) => xs.Sum();

    public static async Task<string> Fetch(int i)
    {
        await Task.Yield();
        return $"item {i}";
    }

    public static (int Count, string Name) Pair(int i) => (i, $"n{i}");

    public static Summary Summarise(string label) => new(label, new Point(1, 2), [1, 2, 3]);

    public static int Eight(int a, int b, int c, int d, int e, int f, int g, int h) => a + b + c + d + e + f + g + h;

    public static int Four(int a, IReadOnlyList<long> b, int c, int d) => a + b.Count + c + d;

    [JugTask(Version = 2)]
    public static int Versioned(int a) => a;

    public static int Unversioned(int a) => a;

    public static int TakesObject(object o) => o.GetHashCode();

    public static int TakesDelegate(Func<int> f) => f();

    [JugTask(Attempts = 5, TimeoutSeconds = 2.5)]
    public static int Limited(int a) => a;

    [JugTask(Attempts = -1)]
    public static int BadAttempts(int a) => a;

    public static long Add(long a, long b) => a + b;
}

public sealed class InstanceTasks(int factor)
{
    public int Times(int a) => factor * a;
}
