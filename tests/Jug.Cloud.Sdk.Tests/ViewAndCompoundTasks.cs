namespace Jug.Cloud.Sdk.Tests;

/// <summary>Task functions, compound builders and view functions for the view and compound declaration tests.</summary>
public static class ViewAndCompoundTasks
{
    public static long Double(long x) => 2 * x;

    public static int Index(int i) => i;

    public static long[] Range(int n) => [.. Enumerable.Range(0, n).Select(i => (long)i)];

    public static Dictionary<string, int> Ages(int bob) => new() { ["bob"] = bob };

    public static string Name(string name) => name;

    public static long PlusOne(long x) => x + 1;

    public static long MinusOne(long x) => x - 1;

    public static long Refuse(long x) => throw new ArgumentOutOfRangeException(nameof(x), x, "refused");

    [JugTask(Version = 2)]
    public static long PlusOneV2(long x) => x + 1;

    public static Handle<long> Twice(Handle<long> x) => Jug.Task(Double, x);

    public static Handle<long> Total(IReadOnlyList<Handle<long>> parts) => Jug.Task(SampleTasks.SumList, parts.Select(p => (Handle<long>)Jug.Task(Double, p)));

    public static Handle<long> Scaled(Handle<long> x, int times) => Jug.Task(Double, x);
}

/// <summary>Parameterless task methods.</summary>
public static class NoArgumentTasks
{
    public static int Zero() => 0;

    public static int One() => 1;

    public static async Task<int> Later()
    {
        await Task.Yield();
        return 2;
    }
}
