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
            _view = new View(path, hash, HasKeyStep(path));
        }
    }

    /// <summary>The task whose stored result is read.</summary>
    public TaskNode Task { get; }

    /// <summary>The view into the result; empty for the whole result.</summary>
    public IReadOnlyList<ResultPathStep> Path => _view?.Path ?? [];

    /// <summary>The identity of this value: the task's hash, or the tasklet's.</summary>
    public TaskHash Hash => _view?.Hash ?? Task.Hash;

    /// <summary>
    /// True when a step of the path is indexed by another task's value (<see cref="ResultPathStep.Key"/>):
    /// that task is needed too. False for whole results, without looking at any path.
    /// </summary>
    public bool HasKeys => _view?.HasKeys ?? false;

    /// <summary>The tasks whose results this value needs: <see cref="Task"/>, then the tasks of any keys in its path, recursively.</summary>
    public IEnumerable<TaskNode> Sources
    {
        get
        {
            yield return Task;
            if (!HasKeys)
            {
                yield break;
            }

            foreach (var step in Path)
            {
                if (step.Key is { } key)
                {
                    foreach (var source in key.Sources)
                    {
                        yield return source;
                    }
                }
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => Path.Count == 0 ? Task.ToString() : Task + ResultPath.Format(Path);

    private static bool HasKeyStep(IReadOnlyList<ResultPathStep> path)
    {
        foreach (var step in path)
        {
            if (step.Key is not null)
            {
                return true;
            }
        }

        return false;
    }

    private sealed record View(IReadOnlyList<ResultPathStep> Path, TaskHash Hash, bool HasKeys);
}
