using Jug.Cloud.Graph;

namespace Jug.Cloud.Bench.Graphs;

/// <summary>The scenarios' graphs, declared in code as a jugfile declares them.</summary>
internal static class BenchGraphs
{
    /// <summary><paramref name="leaves"/> no-op tasks and one task that takes all their results.</summary>
    public static TaskGraph FanIn(int leaves) => Declare(() =>
    {
        var handles = new List<TaskHandle<int>>(leaves);
        for (var i = 0; i < leaves; i++)
        {
            handles.Add(Jug.Task(BenchTasks.Noop, i));
        }

        Jug.Task(BenchTasks.Count, handles);
    });

    /// <summary><paramref name="links"/> no-op tasks, each needing the one before; the first takes <paramref name="first"/>.</summary>
    public static TaskGraph Chain(int links, long first = 0) => Declare(() =>
    {
        var previous = Jug.Task(BenchTasks.Link, first);
        for (var i = 1; i < links; i++)
        {
            previous = Jug.Task(BenchTasks.Link, previous);
        }
    });

    /// <summary><paramref name="tasks"/> independent tasks of <paramref name="milliseconds"/> CPU time each, seeded from <paramref name="firstSeed"/>.</summary>
    public static TaskGraph CpuBound(int tasks, double milliseconds, int firstSeed = 0) => Declare(() =>
    {
        for (var i = 0; i < tasks; i++)
        {
            Jug.Task(BenchTasks.Spin, firstSeed + i, milliseconds);
        }
    });

    /// <summary><paramref name="results"/> arrays of <paramref name="length"/> doubles, each read by a dependent.</summary>
    public static TaskGraph LargeResults(int results, int length) => Declare(() =>
    {
        for (var i = 0; i < results; i++)
        {
            Jug.Task(BenchTasks.Consume, Jug.Task(BenchTasks.Produce, i, length));
        }
    });

    /// <summary>One no-op task: runs once to start an engine before a measurement.</summary>
    public static TaskGraph Single(int seed) => Declare(() => Jug.Task(BenchTasks.Noop, seed));

    private static TaskGraph Declare(Action declare)
    {
        var context = new JugContext();
        using (context.Enter())
        {
            declare();
        }

        return context.Graph;
    }
}
