namespace Jug.Cloud.Telemetry.Tests;

/// <summary>The tasks the hosted silo runs; it loads them from the bundle of this test's build output.</summary>
public static class MetricsTasks
{
    public static int Square(int x) => x * x;

    public static int Sum(IReadOnlyList<int> values) => values.Sum();

    /// <summary>Runs until <paramref name="path"/> exists, so the run stays active while its figures are read.</summary>
    public static bool Gate(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!File.Exists(path) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        return File.Exists(path);
    }
}
