namespace Jug.Cloud.Graph;

/// <summary>
/// A reference to a task's result, or to a view into it (a tasklet: <c>t.At(0)</c>, <c>t.Item2</c>).
/// A tasklet is not stored; its hash is the parent's hash combined with the path.
/// </summary>
public sealed class TaskReference
{
    // Most references are to a whole result (a fan-in holds one per task): those keep only the task,
    // and a tasklet's path and hash live in a side object.
    private readonly View? _view;

    /// <summary>Creates a reference.</summary>
    public TaskReference(TaskNode task, IReadOnlyList<ResultPathStep> path, TaskHash hash)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(path);
        Task = task;
        if (path.Count > 0 || hash != task.Hash)
        {
            _view = new View(path, hash);
        }
    }

    /// <summary>The task whose stored result is read.</summary>
    public TaskNode Task { get; }

    /// <summary>The view into the result; empty for the whole result.</summary>
    public IReadOnlyList<ResultPathStep> Path => _view?.Path ?? [];

    /// <summary>The identity of this value: the task's hash, or the tasklet's.</summary>
    public TaskHash Hash => _view?.Hash ?? Task.Hash;

    /// <inheritdoc />
    public override string ToString() => Path.Count == 0 ? Task.ToString() : Task + ResultPath.Format(Path);

    private sealed record View(IReadOnlyList<ResultPathStep> Path, TaskHash Hash);
}
