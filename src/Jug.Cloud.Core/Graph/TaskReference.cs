namespace Jug.Cloud.Graph;

/// <summary>
/// A reference to a task's result, or to a view into it (a tasklet: <c>t.At(0)</c>, <c>t.Item2</c>).
/// A tasklet is not stored; its hash is the parent's hash combined with the path.
/// </summary>
public sealed class TaskReference
{
    /// <summary>Creates a reference.</summary>
    public TaskReference(TaskNode task, IReadOnlyList<ResultPathStep> path, TaskHash hash)
    {
        Task = task;
        Path = path;
        Hash = hash;
    }

    /// <summary>The task whose stored result is read.</summary>
    public TaskNode Task { get; }

    /// <summary>The view into the result; empty for the whole result.</summary>
    public IReadOnlyList<ResultPathStep> Path { get; }

    /// <summary>The identity of this value: the task's hash, or the tasklet's.</summary>
    public TaskHash Hash { get; }

    /// <inheritdoc />
    public override string ToString() => Path.Count == 0 ? Task.ToString() : Task + ResultPath.Format(Path);
}
