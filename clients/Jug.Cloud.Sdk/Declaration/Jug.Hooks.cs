using Jug.Cloud.Graph;

namespace Jug.Cloud;

/// <summary>Jug's <c>register_hook</c>.</summary>
public static partial class Jug
{
    /// <summary>
    /// Callbacks on the tasks this process runs: <c>Hooks.OnFinish(e =&gt; log.Add(e.Task.Name))</c>.
    /// They are called in the process that runs the task, on its thread: under <c>execute</c> the
    /// jugfile's process; on a cluster each silo, where a jugfile's top-level code does not run, so a
    /// silo's hooks are registered by its host (the same <see cref="TaskHooks"/>). Each returns a
    /// registration to dispose when the hook should stop.
    /// </summary>
    public static class Hooks
    {
        /// <summary>Called before each attempt's method runs; a hook that throws fails the attempt.</summary>
        public static IDisposable OnStart(Action<TaskEvent> hook) => TaskHooks.OnStart(hook);

        /// <summary>Called after each attempt that returned a value, before it is stored; a hook that throws fails the attempt.</summary>
        public static IDisposable OnFinish(Action<TaskEvent> hook) => TaskHooks.OnFinish(hook);

        /// <summary>Called after each attempt that threw (<see cref="TaskEvent.Error"/>); a hook that throws is ignored.</summary>
        public static IDisposable OnFailure(Action<TaskEvent> hook) => TaskHooks.OnFailure(hook);
    }
}
