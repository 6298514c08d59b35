using Jug.Cloud.Graph;

namespace Jug.Cloud.Client;

/// <summary>The tasks <c>--target</c> selects: those whose name matches, and everything they need.</summary>
public static class TargetScope
{
    /// <summary>Matching tasks and their transitive dependencies, in declaration order.</summary>
    public static IReadOnlyList<TaskNode> Of(TaskGraph graph, TaskPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(pattern);
        return graph.Upstream(graph.Tasks.Where(t => pattern.Matches(t.Name)));
    }
}
