using Jug.Cloud.Graph;

namespace Jug.Cloud.Client;

/// <summary>Turns a task graph (and, optionally, its status) into a <see cref="GraphDiagram"/>.</summary>
public static class GraphDiagramBuilder
{
    /// <summary>Above this many tasks, <see cref="GraphGrouping.Auto"/> draws one node per task name.</summary>
    public const int DefaultGroupThreshold = 100;

    /// <summary>
    /// The diagram of <paramref name="graph"/>. With <paramref name="status"/> (computed for the same
    /// graph) each node carries its state; without it <see cref="GraphDiagram.HasStatus"/> is false
    /// and only the counts of tasks mean something.
    /// </summary>
    public static GraphDiagram Build(TaskGraph graph, StatusReport? status, GraphGrouping grouping = GraphGrouping.Auto, int groupThreshold = DefaultGroupThreshold)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (status is not null && status.Tasks.Count != graph.Count)
        {
            throw new ArgumentException("The status report was computed for another graph.", nameof(status));
        }

        var states = new Dictionary<TaskHash, TaskState>(graph.Count);
        if (status is not null)
        {
            foreach (var entry in status.Tasks)
            {
                states[entry.Task.Hash] = entry.State;
            }
        }

        var grouped = grouping == GraphGrouping.Names || (grouping == GraphGrouping.Auto && graph.Count > groupThreshold);
        return grouped ? ByName(graph, states, status is not null) : ByTask(graph, states, status is not null);
    }

    private static GraphDiagram ByTask(TaskGraph graph, Dictionary<TaskHash, TaskState> states, bool hasStatus)
    {
        var ids = new Dictionary<TaskHash, string>(graph.Count);
        var nodes = new List<DiagramNode>(graph.Count);
        var edges = new List<DiagramEdge>();
        foreach (var task in graph.Tasks)
        {
            var id = "t" + ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ids[task.Hash] = id;
            nodes.Add(new DiagramNode(id, task.Name, task.Hash, Row(task.Name, [StateOf(task, states)])));

            // Declaration order is topological, so every dependency already has its id.
            edges.AddRange(task.Dependencies.Select(d => new DiagramEdge(ids[d.Hash], id, 1)));
        }

        return new GraphDiagram(nodes, edges, Grouped: false, hasStatus);
    }

    private static GraphDiagram ByName(TaskGraph graph, Dictionary<TaskHash, TaskState> states, bool hasStatus)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var members = new Dictionary<string, List<TaskState>>(StringComparer.Ordinal);
        var edgeCounts = new Dictionary<(string From, string To), int>();
        var edgeOrder = new List<(string From, string To)>();
        foreach (var task in graph.Tasks)
        {
            if (!ids.TryGetValue(task.Name, out var id))
            {
                ids[task.Name] = id = "g" + ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                members[task.Name] = [];
            }

            members[task.Name].Add(StateOf(task, states));
            foreach (var dependency in task.Dependencies)
            {
                var key = (ids[dependency.Name], id);
                if (edgeCounts.TryGetValue(key, out var count))
                {
                    edgeCounts[key] = count + 1;
                }
                else
                {
                    edgeCounts[key] = 1;
                    edgeOrder.Add(key);
                }
            }
        }

        var nodes = ids.Select(pair => new DiagramNode(pair.Value, pair.Key, null, Row(pair.Key, members[pair.Key]))).ToArray();
        var edges = edgeOrder.Select(key => new DiagramEdge(key.From, key.To, edgeCounts[key])).ToArray();
        return new GraphDiagram(nodes, edges, Grouped: true, hasStatus);
    }

    // Without a status every task counts as waiting, so counts still add up to the number of tasks.
    private static TaskState StateOf(TaskNode task, Dictionary<TaskHash, TaskState> states) =>
        states.GetValueOrDefault(task.Hash, TaskState.Waiting);

    private static StatusRow Row(string name, IReadOnlyCollection<TaskState> states) => new(
        name,
        states.Count(s => s == TaskState.Waiting),
        states.Count(s => s == TaskState.Ready),
        states.Count(s => s == TaskState.Running),
        states.Count(s => s == TaskState.Done),
        states.Count(s => s == TaskState.Failed));
}
