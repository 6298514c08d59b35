using Jug.Cloud.Client;
using Jug.Cloud.Encoding;
using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Cli.Shell;

/// <summary>
/// What <c>jugcloud shell</c> offers besides the jugfile's own types: Jug's shell functions, with C#
/// names. Public because compiled shell input calls it.
/// </summary>
public sealed class ShellGlobals
{
    internal ShellGlobals(TaskGraph graph, IJugStore store)
    {
        Graph = graph;
        Store = store;
    }

    /// <summary>The graph the jugfile declared.</summary>
    public TaskGraph Graph { get; }

    /// <summary>The open store (the jugdir).</summary>
    public IJugStore Store { get; }

    /// <summary>Every task, in declaration order (Jug's <c>get_tasks()</c>).</summary>
    public IReadOnlyList<TaskNode> GetTasks() => Graph.Tasks;

    /// <summary>The tasks whose name matches <paramref name="pattern"/>, in <c>--target</c>'s forms (<c>Type.Method</c>, <c>Method</c>, <c>/regex/</c>).</summary>
    public IReadOnlyList<TaskNode> GetFilteredTasks(string pattern)
    {
        var parsed = TaskPattern.Parse(pattern);
        return Graph.Tasks.Where(t => parsed.Matches(t.Name)).ToArray();
    }

    /// <summary>
    /// Jug's <c>get_filtered_tasks</c>: the tasks that are done (<paramref name="loadable"/>), failed
    /// (<paramref name="failed"/>) or ready to run (<paramref name="available"/>); with no flag, every
    /// task. <paramref name="pattern"/> narrows by name.
    /// </summary>
    public IReadOnlyList<TaskNode> GetFilteredTasks(bool loadable = false, bool failed = false, bool available = false, string? pattern = null)
    {
        var parsed = pattern is null ? null : TaskPattern.Parse(pattern);
        var any = loadable || failed || available;
        return Status().Tasks
            .Where(e => parsed is null || parsed.Matches(e.Task.Name))
            .Where(e => !any
                || (loadable && e.State == TaskState.Done)
                || (failed && e.State == TaskState.Failed)
                || (available && e.State == TaskState.Ready))
            .Select(e => e.Task)
            .ToArray();
    }

    /// <summary>The result of <paramref name="task"/> from the store (Jug's <c>value()</c>).</summary>
    /// <exception cref="InvalidOperationException">It is not done.</exception>
    public object? Value(TaskNode task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var stored = Store.GetAsync(task.Hash).AsTask().GetAwaiter().GetResult()
            ?? throw new InvalidOperationException($"{task} is not done: no result is stored.");
        return ResultCodec.Decode(stored, task.ResultType);
    }

    /// <summary>The result of the task whose hash is <paramref name="hash"/> (the full hex form, or a prefix of it that names one task).</summary>
    public object? Value(string hash) => Value(Find(hash));

    /// <summary>The result of <paramref name="task"/> as <typeparamref name="T"/>.</summary>
    public T Value<T>(TaskNode task) => (T)Value(task)!;

    /// <summary>The result of the task whose hash (or unique prefix) is <paramref name="hash"/>, as <typeparamref name="T"/>.</summary>
    public T Value<T>(string hash) => (T)Value(hash)!;

    /// <summary>Each task's state, as <c>status</c> computes it.</summary>
    public StatusReport Status() => GraphStatus.ComputeAsync(Graph, Store).GetAwaiter().GetResult();

    /// <summary>Removes the results of the tasks matching <paramref name="pattern"/> and of everything downstream (as <c>jugcloud invalidate</c>).</summary>
    public InvalidateResult Invalidate(string pattern)
    {
        var result = GraphOperations.InvalidateAsync(Graph, Store, TaskPattern.Parse(pattern)).GetAwaiter().GetResult();
        return result.MatchedNothing ? throw new ArgumentException($"No task matches '{pattern}'.") : result;
    }

    /// <summary>Removes the result of <paramref name="task"/> and of everything downstream of it (Jug's shell <c>invalidate(t)</c>).</summary>
    /// <returns>How many results were removed.</returns>
    public int Invalidate(TaskNode task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var dependents = Graph.BuildDependents();
        var affected = new HashSet<TaskHash>();
        var stack = new Stack<TaskNode>([task]);
        while (stack.TryPop(out var current))
        {
            if (affected.Add(current.Hash) && dependents.TryGetValue(current.Hash, out var downstream))
            {
                downstream.ForEach(stack.Push);
            }
        }

        var removed = 0;
        foreach (var hash in affected)
        {
            removed += Store.DeleteAsync(hash).AsTask().GetAwaiter().GetResult() ? 1 : 0;
            Store.DeleteFailureAsync(hash).AsTask().GetAwaiter().GetResult();
        }

        return removed;
    }

    private TaskNode Find(string hash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hash);
        if (TaskHash.TryParse(hash, out var full))
        {
            return Graph.Find(full) ?? throw new ArgumentException($"No task of the jugfile has hash {hash}.");
        }

        var matches = Graph.Tasks.Where(t => t.Hash.ToString().StartsWith(hash, StringComparison.OrdinalIgnoreCase)).Take(2).ToArray();
        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new ArgumentException($"No task of the jugfile has a hash starting with {hash}."),
            _ => throw new ArgumentException($"More than one task has a hash starting with {hash}: give more digits."),
        };
    }
}
