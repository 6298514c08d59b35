namespace Jug.Cloud.Web.Tests;

/// <summary>Task functions the cluster page's tests run on silos (loaded there from the bundle, so they keep no state shared with the test).</summary>
public static class ClusterTasks
{
    /// <summary>Fails every attempt.</summary>
    [JugTask(Attempts = 3)]
    public static long AlwaysFails(long x) => throw new InvalidOperationException($"always fails {x}");

    public static long Square(long x) => x * x;

    /// <summary>Takes a while, so a run can be cancelled midway.</summary>
    public static long Nap(long milliseconds)
    {
        Thread.Sleep(TimeSpan.FromMilliseconds(milliseconds));
        return milliseconds;
    }
}

