using System.Collections.Concurrent;

namespace Jug.Cloud.Runtime.Tests;

/// <summary>Task methods for the programming-model tests.</summary>
public static class Model
{
    private static readonly ConcurrentDictionary<string, int> Builds = new();

    public static int BuildsOf(string tag) => Builds.GetValueOrDefault(tag);

    public static long Square(long x) => x * x;

    public static long Add(long a, long b) => a + b;

    public static long Scale(long x, long factor) => x * factor;

    public static long Sum(IReadOnlyList<long> xs) => xs.Sum();

    public static int[] Split(int n, int parts) => [.. Enumerable.Range(0, parts).Select(i => (n / parts) + (i < n % parts ? 1 : 0))];

    public static (double Mean, int Count) Stats(double[] xs) => (xs.Average(), xs.Length);

    public static double[] Numbers(int n) => [.. Enumerable.Range(1, n).Select(i => (double)i)];

    public static string Greet(string name, int times) => string.Concat(Enumerable.Repeat($"hi {name};", times));

    /// <summary>A compound task's builder: declares a small sub-graph and counts how often it is called.</summary>
    public static Handle<long> SumOfSquares(string tag, int n)
    {
        Builds.AddOrUpdate(tag, 1, (_, c) => c + 1);
        return Jug.Task(Sum, Enumerable.Range(0, n).Select(i => (Handle<long>)Jug.Task(Square, (long)i)).ToList());
    }

    [JugTask(HashCode = true, Name = "Model.Coded")]
    public static long CodedA(long x) => x + 1;

    [JugTask(HashCode = true, Name = "Model.Coded")]
    public static long CodedB(long x) => x + 2;

    [JugTask(Name = "Model.Coded")]
    public static long Uncoded(long x) => x + 1;
}
