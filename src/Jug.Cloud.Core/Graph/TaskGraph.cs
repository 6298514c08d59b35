namespace Jug.Cloud.Graph;

/// <summary>
/// The tasks a jugfile declared, in declaration order (which is a topological order: a task can only
/// name tasks that already exist). Declaring the same computation twice yields one node.
/// </summary>
public sealed class TaskGraph
{
    private readonly List<TaskNode> _tasks = [];
    private readonly Dictionary<TaskHash, TaskNode> _byHash = [];

    /// <summary>Every task, in declaration order.</summary>
    public IReadOnlyList<TaskNode> Tasks => _tasks;

    /// <summary>Number of distinct tasks.</summary>
    public int Count => _tasks.Count;

    /// <summary>The task with this hash, or null.</summary>
    public TaskNode? Find(TaskHash hash) => _byHash.GetValueOrDefault(hash);

    /// <summary>Adds a node unless one with the same hash exists; returns the node in the graph.</summary>
    public TaskNode Add(TaskNode node)
    {
        if (_byHash.TryGetValue(node.Hash, out var existing))
        {
            return existing;
        }

        _byHash.Add(node.Hash, node);
        _tasks.Add(node);
        return node;
    }

    /// <summary><paramref name="roots"/> and every task they need, transitively, in declaration order.</summary>
    public IReadOnlyList<TaskNode> Upstream(IEnumerable<TaskNode> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var selected = new HashSet<TaskNode>();
        var stack = new Stack<TaskNode>(roots);
        while (stack.TryPop(out var task))
        {
            if (selected.Add(task))
            {
                foreach (var dependency in task.Dependencies)
                {
                    stack.Push(dependency);
                }
            }
        }

        return [.. _tasks.Where(selected.Contains)];
    }

    /// <summary>For each task, the tasks that take its result, in declaration order.</summary>
    public Dictionary<TaskHash, List<TaskNode>> BuildDependents()
    {
        var dependents = new Dictionary<TaskHash, List<TaskNode>>(_tasks.Count);
        foreach (var task in _tasks)
        {
            foreach (var dependency in task.Dependencies)
            {
                if (!dependents.TryGetValue(dependency.Hash, out var list))
                {
                    dependents[dependency.Hash] = list = [];
                }

                list.Add(task);
            }
        }

        return dependents;
    }
}
