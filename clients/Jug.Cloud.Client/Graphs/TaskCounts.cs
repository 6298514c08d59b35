using Jug.Cloud.Graph;

namespace Jug.Cloud.Client;

/// <summary>The number of tasks of one name.</summary>
/// <param name="Name">The task name.</param>
/// <param name="Count">How many tasks of the graph have it.</param>
public sealed record TaskCount(string Name, int Count);

/// <summary>Jug's <c>count</c>: tasks per name, from the graph alone (the store is not read).</summary>
public static class TaskCounts
{
    /// <summary>One entry per task name, sorted by name (ordinal), as Jug prints them.</summary>
    public static IReadOnlyList<TaskCount> Of(TaskGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph.Tasks
            .CountBy(t => t.Name, StringComparer.Ordinal)
            .Select(pair => new TaskCount(pair.Key, pair.Value))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToArray();
    }
}
