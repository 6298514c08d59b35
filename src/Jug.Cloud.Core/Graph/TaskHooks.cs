namespace Jug.Cloud.Graph;

/// <summary>
/// Callbacks on every task this process runs (Jug's <c>register_hook</c>): when an attempt starts,
/// when it finishes and is about to be stored, and when it fails. They are process-wide, called on
/// the thread that runs the task, so they must be quick and thread-safe. While none is registered,
/// running a task costs one null check.
/// </summary>
public static class TaskHooks
{
    private static readonly Lock Gate = new();
    private static volatile TaskHookSet? _current;

    /// <summary>The registered hooks, or null when there are none.</summary>
    public static TaskHookSet? Current => _current;

    /// <summary>Calls <paramref name="hook"/> before each attempt's method is called; dispose the result to remove it.</summary>
    public static IDisposable OnStart(Action<TaskEvent> hook) => Add(HookKind.Start, hook);

    /// <summary>Calls <paramref name="hook"/> after each attempt that returned a value; dispose the result to remove it.</summary>
    public static IDisposable OnFinish(Action<TaskEvent> hook) => Add(HookKind.Finish, hook);

    /// <summary>Calls <paramref name="hook"/> after each attempt that threw; dispose the result to remove it.</summary>
    public static IDisposable OnFailure(Action<TaskEvent> hook) => Add(HookKind.Failure, hook);

    private static Registration Add(HookKind kind, Action<TaskEvent> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        lock (Gate)
        {
            _current = (_current ?? TaskHookSet.Empty).With(kind, hook);
        }

        return new Registration(kind, hook);
    }

    private static void Remove(HookKind kind, Action<TaskEvent> hook)
    {
        lock (Gate)
        {
            var remaining = _current?.Without(kind, hook);
            _current = remaining is { IsEmpty: false } ? remaining : null;
        }
    }

    private sealed class Registration(HookKind kind, Action<TaskEvent> hook) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Remove(kind, hook);
            }
        }
    }
}
