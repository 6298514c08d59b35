using Jug.Cloud.Graph;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>Finds the executable task behind a hash handed out by the dispatcher.</summary>
public interface ITaskResolver
{
    /// <summary>The task with this hash, or null if this worker cannot run it.</summary>
    TaskNode? Resolve(TaskHash hash);
}

/// <summary>Resolves tasks from a graph built in this process (embedded mode).</summary>
/// <param name="graph">The graph being executed.</param>
public sealed class GraphTaskResolver(TaskGraph graph) : ITaskResolver
{
    /// <inheritdoc />
    public TaskNode? Resolve(TaskHash hash) => graph.Find(hash);
}
