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
        var selected = new HashSet<TaskHash>();
        var stack = new Stack<TaskNode>(graph.Tasks.Where(t => pattern.Matches(t.Name)));
        while (stack.TryPop(out var task))
        {
            if (selected.Add(task.Hash))
            {
                foreach (var dependency in task.Dependencies)
                {
                    stack.Push(dependency);
                }
            }
        }

        return graph.Tasks.Where(t => selected.Contains(t.Hash)).ToArray();
    }
}
