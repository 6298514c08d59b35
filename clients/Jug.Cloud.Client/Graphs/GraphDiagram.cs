namespace Jug.Cloud.Client;

/// <summary>
/// A drawing of a task graph, independent of the output format: one node per task, or one node per
/// task name when <see cref="Grouped"/>.
/// </summary>
/// <param name="Nodes">The nodes, in first-declaration order.</param>
/// <param name="Edges">Dependency edges, from the node that is needed to the node that needs it.</param>
/// <param name="Grouped">True if each node stands for every task of one name.</param>
/// <param name="HasStatus">True if the nodes carry states from the store.</param>
public sealed record GraphDiagram(IReadOnlyList<DiagramNode> Nodes, IReadOnlyList<DiagramEdge> Edges, bool Grouped, bool HasStatus);

/// <summary>One node of a <see cref="GraphDiagram"/>.</summary>
/// <param name="Id">An identifier valid in DOT and Mermaid (<c>t0</c>, <c>t1</c>… or <c>g0</c>, <c>g1</c>…).</param>
/// <param name="Name">The task name.</param>
/// <param name="Hash">The task's hash for a single task; null for a group.</param>
/// <param name="Counts">How many of its tasks are in each state (one task, or the group).</param>
public sealed record DiagramNode(string Id, string Name, TaskHash? Hash, StatusRow Counts)
{
    /// <summary>
    /// The state the node is drawn in: the state every task shares, otherwise the one that most needs
    /// attention (failed, then running, ready, waiting).
    /// </summary>
    public TaskState State =>
        Counts.Failed > 0 ? TaskState.Failed
        : Counts.Done == Counts.Total ? TaskState.Done
        : Counts.Running > 0 ? TaskState.Running
        : Counts.Ready > 0 ? TaskState.Ready
        : TaskState.Waiting;
}

/// <summary>A dependency edge of a <see cref="GraphDiagram"/>.</summary>
/// <param name="From">The node whose result is needed.</param>
/// <param name="To">The node that needs it.</param>
/// <param name="Count">How many task-to-task edges it stands for (1 between single tasks).</param>
public sealed record DiagramEdge(string From, string To, int Count);
