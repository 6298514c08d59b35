using Jug.Cloud.Bench.Measurement;

namespace Jug.Cloud.Bench.Graphs;

/// <summary>The task methods the scenarios' graphs call.</summary>
internal static class BenchTasks
{
    private static long s_cpuTicks;
    private static long s_wallTicks;

    /// <summary>Processor time the <see cref="Spin"/> tasks used since <see cref="ResetSpinTotals"/>.</summary>
    public static TimeSpan SpinCpu => TimeSpan.FromTicks(Interlocked.Read(ref s_cpuTicks));

    /// <summary>Elapsed time inside the <see cref="Spin"/> tasks since <see cref="ResetSpinTotals"/>.</summary>
    public static TimeSpan SpinWall => TimeSpan.FromTicks(Interlocked.Read(ref s_wallTicks));

    public static void ResetSpinTotals()
    {
        Interlocked.Exchange(ref s_cpuTicks, 0);
        Interlocked.Exchange(ref s_wallTicks, 0);
    }

    /// <summary>A task that does nothing: what scheduling costs when work costs nothing.</summary>
    public static int Noop(int i) => i;

    /// <summary>The fan-in's aggregate: it receives every leaf's result.</summary>
    public static long Count(IReadOnlyList<int> leaves) => leaves.Count;

    /// <summary>One link of a chain: it needs the previous link's result.</summary>
    public static long Link(long previous) => previous + 1;

    /// <summary>Keeps its thread's processor busy for <paramref name="milliseconds"/> of CPU time.</summary>
    public static long Spin(int seed, double milliseconds)
    {
        var budget = TimeSpan.FromMilliseconds(milliseconds);
        var startWall = System.Diagnostics.Stopwatch.GetTimestamp();
        var start = ThreadCpuTime.Now();
        var x = (ulong)seed;
        TimeSpan used;
        do
        {
            for (var k = 0; k < 20_000; k++)
            {
                x = (x * 6364136223846793005UL) + 1442695040888963407UL;
            }

            used = ThreadCpuTime.Now() - start;
        }
        while (used < budget);

        Interlocked.Add(ref s_cpuTicks, used.Ticks);
        Interlocked.Add(ref s_wallTicks, System.Diagnostics.Stopwatch.GetElapsedTime(startWall).Ticks);
        return (long)(x >> 1);
    }

    /// <summary>A large result: <paramref name="length"/> doubles.</summary>
    public static double[] Produce(int seed, int length)
    {
        var values = new double[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = seed + (i * 0.5);
        }

        return values;
    }

    /// <summary>Reads a large result back: every element contributes.</summary>
    public static double Consume(double[] values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }
}
