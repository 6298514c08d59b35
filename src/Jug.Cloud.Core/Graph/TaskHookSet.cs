namespace Jug.Cloud.Graph;

/// <summary>Which moment of an attempt a hook is for.</summary>
internal enum HookKind
{
    Start,
    Finish,
    Failure,
}

/// <summary>An immutable set of hooks, replaced as a whole when one is added or removed, so a running task reads it without a lock.</summary>
public sealed class TaskHookSet
{
    private readonly Action<TaskEvent>[] _start;
    private readonly Action<TaskEvent>[] _finish;
    private readonly Action<TaskEvent>[] _failure;

    private TaskHookSet(Action<TaskEvent>[] start, Action<TaskEvent>[] finish, Action<TaskEvent>[] failure)
    {
        _start = start;
        _finish = finish;
        _failure = failure;
    }

    internal static TaskHookSet Empty { get; } = new([], [], []);

    internal bool IsEmpty => _start.Length + _finish.Length + _failure.Length == 0;

    /// <summary>Calls the start hooks; one that throws fails the attempt.</summary>
    public void Started(TaskNode task, int attempt, string worker) => Call(_start, task, attempt, worker, TimeSpan.Zero, null);

    /// <summary>Calls the finish hooks; one that throws fails the attempt.</summary>
    public void Finished(TaskNode task, int attempt, string worker, TimeSpan elapsed) => Call(_finish, task, attempt, worker, elapsed, null);

    /// <summary>Calls the failure hooks; one that throws is ignored, so the task's own failure is the one recorded.</summary>
    public void Failed(TaskNode task, int attempt, string worker, TimeSpan elapsed, Exception error)
    {
        if (_failure.Length == 0)
        {
            return;
        }

        var info = new TaskEvent(task, attempt, worker, elapsed, error);
        foreach (var hook in _failure)
        {
            try
            {
                hook(info);
            }
#pragma warning disable CA1031 // A failing failure hook must not replace the failure being reported.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    internal TaskHookSet With(HookKind kind, Action<TaskEvent> hook) => kind switch
    {
        HookKind.Start => new([.. _start, hook], _finish, _failure),
        HookKind.Finish => new(_start, [.. _finish, hook], _failure),
        _ => new(_start, _finish, [.. _failure, hook]),
    };

    internal TaskHookSet Without(HookKind kind, Action<TaskEvent> hook) => kind switch
    {
        HookKind.Start => new(Drop(_start, hook), _finish, _failure),
        HookKind.Finish => new(_start, Drop(_finish, hook), _failure),
        _ => new(_start, _finish, Drop(_failure, hook)),
    };

    private static Action<TaskEvent>[] Drop(Action<TaskEvent>[] hooks, Action<TaskEvent> hook)
    {
        var at = Array.IndexOf(hooks, hook);
        return at < 0 ? hooks : [.. hooks[..at], .. hooks[(at + 1)..]];
    }

    private static void Call(Action<TaskEvent>[] hooks, TaskNode task, int attempt, string worker, TimeSpan elapsed, Exception? error)
    {
        if (hooks.Length == 0)
        {
            return;
        }

        var info = new TaskEvent(task, attempt, worker, elapsed, error);
        foreach (var hook in hooks)
        {
            hook(info);
        }
    }
}
