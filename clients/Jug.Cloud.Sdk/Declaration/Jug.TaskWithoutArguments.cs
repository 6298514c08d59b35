using Jug.Cloud.Graph;

namespace Jug.Cloud;

/// <summary>Tasks of methods without parameters (Jug's <c>Task(zero)</c>); the generated overloads start at one parameter.</summary>
public static partial class Jug
{
    /// <summary>Declares a task that calls the parameterless static method <paramref name="f"/>; its identity is the method's alone.</summary>
    public static TaskHandle<TResult> Task<TResult>(Func<TResult> f) =>
        Declare<TResult>(f, [], static g => { var h = (Func<TResult>)g; return _ => new ValueTask<object?>(h()); });

    /// <summary>Declares a task that calls the parameterless asynchronous static method <paramref name="f"/>.</summary>
    public static TaskHandle<TResult> Task<TResult>(Func<Task<TResult>> f) =>
        Declare<TResult>(f, [], static g => { var h = (Func<Task<TResult>>)g; return _ => Await(h()); });
}
