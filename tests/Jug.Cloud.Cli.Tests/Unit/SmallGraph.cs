using Jug.Cloud.Encoding;
using Jug.Cloud.Graph;
using Jug.Cloud.Storage;
using static Jug.Cloud.Jug;

namespace Jug.Cloud.Cli.Tests.Unit;

/// <summary>Task functions of the in-process graphs.</summary>
public static class Steps
{
    public static int Leaf(int i) => i * i;

    public static int Combine(IReadOnlyList<int> xs) => xs.Sum();

    public static string Final(int total) => $"total {total}";

    public static int Other(int i) => i;
}

/// <summary>
/// Three leaves, a combine step over them, a final step on the combined value, and one unrelated
/// task: declared in-process with a <see cref="JugContext"/>, nothing run.
/// </summary>
public sealed class SmallGraph
{
    public SmallGraph()
    {
        var context = new JugContext();
        using (context.Enter())
        {
            var leaves = Enumerable.Range(0, 3).Select(i => Task(Steps.Leaf, i)).ToList();
            Leaves = leaves.Select(l => l.Task).ToArray();
            Combine = Task(Steps.Combine, leaves).Task;
            Final = Task(Steps.Final, Task(Steps.Combine, leaves)).Task;
            Other = Task(Steps.Other, 7).Task;
        }

        Graph = context.Graph;
    }

    public TaskGraph Graph { get; }

    public IReadOnlyList<TaskNode> Leaves { get; }

    public TaskNode Combine { get; }

    public TaskNode Final { get; }

    public TaskNode Other { get; }

    /// <summary>Stores a result for each task, as a worker would.</summary>
    public static async Task MarkDoneAsync(IJugStore store, params TaskNode[] tasks)
    {
        foreach (var task in tasks)
        {
            await store.PutAsync(task.Hash, ResultCodec.Encode(0));
        }
    }

    public static FailureRecord Failure(TaskNode task, string message = "boom") =>
        new(task.Hash, task.Name, "System.InvalidOperationException", message, $"System.InvalidOperationException: {message}", 3, "test:1", DateTimeOffset.UtcNow);

    /// <summary>A key no task of any graph has.</summary>
    public static TaskHash Unreferenced(byte seed)
    {
        var bytes = new byte[TaskHash.Size];
        Array.Fill(bytes, seed);
        return TaskHash.FromBytes(bytes);
    }
}
