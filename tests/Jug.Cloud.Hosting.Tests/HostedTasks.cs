namespace Jug.Cloud.Hosting.Tests;

/// <summary>The tasks the hosted silo runs; silos load them from the bundle of this test's build output.</summary>
public static class HostedTasks
{
    public static int Square(int x) => x * x;

    public static int Sum(IReadOnlyList<int> values) => values.Sum();
}
