using System.Runtime.CompilerServices;
using Jug.Cloud.Graph;
using Jug.Cloud.Hashing;

namespace Jug.Cloud;

/// <summary>
/// The jugfile API. <c>using static Jug.Cloud.Jug;</c> then <c>Task(Demo.Square, 3)</c> declares a
/// task that will call the static method <c>Demo.Square(3)</c>; nothing runs while the graph is built.
/// Each argument is a plain value, a <see cref="Handle{T}"/> of another task's result (or a view into
/// one), or — for methods of up to three parameters — a list of handles, which the method receives as
/// <c>IReadOnlyList&lt;T&gt;</c>, <c>T[]</c> or <c>List&lt;T&gt;</c>, whichever it declares.
/// </summary>
public static partial class Jug
{
    /// <summary>
    /// Gathers handles into one handle of a list, for methods of four or more parameters (which take
    /// lists of handles only through this) and for building lists to pass on.
    /// </summary>
    public static Handle<IReadOnlyList<T>> Gather<T>(IEnumerable<Handle<T>> handles) =>
        Task(Gathered<T>, handles);

    /// <summary>
    /// Inside a running task: cancelled when the task passes its timeout or the run is aborted. A
    /// long task should pass it on or check it; outside a task it is never cancelled.
    /// </summary>
    public static CancellationToken CancellationToken => TaskExecution.Current?.CancellationToken ?? CancellationToken.None;

    [JugTask(Name = "jug.gather")]
    private static IReadOnlyList<T> Gathered<T>(IReadOnlyList<T> items) => items;

    private static TaskHandle<TResult> Declare<TResult>(Delegate function, TaskArgument[] arguments, Func<Delegate, TaskInvoker> invokerFor)
    {
        var method = TaskMethod.For(function);
        var hash = ComputeHash(method, arguments);
        var context = JugContext.Current;
        var node = context.Graph.Find(hash)
            ?? context.Graph.Add(new TaskNode(hash, method.DefinitionFor(function, typeof(TResult), invokerFor), arguments));
        return new TaskHandle<TResult>(node);
    }

    private static TaskHash ComputeHash(TaskMethod method, TaskArgument[] arguments)
    {
        var writer = HashWriter.Rent();
        try
        {
            writer.BeginTask(method.Name, method.Version);
            if (method.CodeDigest is { } code)
            {
                writer.WriteCodeDigest(code);
            }

            for (var i = 0; i < arguments.Length; i++)
            {
                switch (arguments[i])
                {
                    case ValueArgument value:
                        try
                        {
                            writer.WriteValueArgument(value.Value);
                        }
                        catch (UnhashableValueException e)
                        {
                            throw new JugDeclarationException($"Task({method.Name}, ...): argument {i + 1} cannot be hashed: {e.Message}", e);
                        }

                        break;
                    case ReferenceArgument reference:
                        writer.WriteReferenceArgument(reference.Reference.Hash);
                        break;
                    case ReferenceListArgument list:
                        writer.WriteReferenceListArgument(list.Items);
                        break;
                }
            }

            return writer.Finish();
        }
        finally
        {
            HashWriter.Return(writer);
        }
    }

    private static async ValueTask<object?> Await<T>(Task<T> task) => await task.ConfigureAwait(false);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T As<T>(object? value) => (T)value!;
}
