using Jug.Cloud.Encoding;
using Jug.Cloud.Graph;

namespace Jug.Cloud;

/// <summary>Barriers and values: jugfiles whose later tasks depend on the values of earlier ones.</summary>
public static partial class Jug
{
    /// <summary>
    /// Every task declared so far must be done before the code after this line runs (Jug's
    /// <c>barrier()</c>). Under <c>execute</c> they run now, in this process, and the jugfile goes on
    /// as soon as they are stored; under <c>status</c> and the other commands the jugfile stops here
    /// unless they are all done already.
    /// </summary>
    public static void Barrier() => BarrierAsync().GetAwaiter().GetResult();

    /// <summary>The asynchronous form of <see cref="Barrier"/>, for jugfiles with <c>await</c>.</summary>
    public static async Task BarrierAsync(CancellationToken cancellationToken = default)
    {
        var context = JugContext.Current;
        await EnsureDoneAsync(context, [.. context.Graph.Tasks], cancellationToken).ConfigureAwait(false);
        context.BarriersPassed++;
    }

    /// <summary>
    /// The value of <paramref name="handle"/>, running only the task behind it (and what it needs)
    /// if it is not done yet (Jug's <c>bvalue</c>): a barrier for one task.
    /// </summary>
    public static T BValue<T>(Handle<T> handle) => BValueAsync(handle).GetAwaiter().GetResult();

    /// <summary>The asynchronous form of <see cref="BValue{T}"/>.</summary>
    public static async Task<T> BValueAsync<T>(Handle<T> handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var context = JugContext.Current;
        var scope = context.Graph.Upstream(handle.Reference.Sources);
        if (context.Runner is not { } runner || !await runner.EnsureValueAsync(context.Graph, handle.Task, scope, cancellationToken).ConfigureAwait(false))
        {
            throw new BarrierReachedException();
        }

        return await ValueAsync(handle, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The stored value of <paramref name="handle"/> (Jug's <c>value</c>): for code after a barrier,
    /// and in the shell. The task must be done.
    /// </summary>
    /// <exception cref="InvalidOperationException">The task is not done, or there is no store to read.</exception>
    public static T Value<T>(Handle<T> handle) => ValueAsync(handle).GetAwaiter().GetResult();

    /// <summary>The asynchronous form of <see cref="Value{T}"/>.</summary>
    public static async Task<T> ValueAsync<T>(Handle<T> handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var runner = JugContext.Current.Runner
            ?? throw new InvalidOperationException($"Value({handle}): no store is open; values can be read in a jugfile run by jugcloud or in its shell.");
        var stored = await runner.Store.GetAsync(handle.Task.Hash, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Value({handle}): the task is not done; use BValue to run it first, or put a Barrier() before this line.");
        var value = ResultCodec.Decode(stored, handle.Task.ResultType);
        return (T)(await ApplyPathAsync(runner.Store, value, handle.Reference, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Follows a handle's view, reading first the values of the tasks that index it.</summary>
    private static async Task<object?> ApplyPathAsync(Storage.IResultStore store, object? value, TaskReference reference, CancellationToken cancellationToken)
    {
        if (!reference.HasKeys)
        {
            return ResultPath.Apply(value, reference.Path);
        }

        var keys = new Dictionary<TaskReference, object?>(ReferenceEqualityComparer.Instance);
        foreach (var step in reference.Path)
        {
            if (step.Key is { } key)
            {
                var stored = await store.GetAsync(key.Task.Hash, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Value: the task {key.Task} that indexes {reference} is not done.");
                keys[key] = await ApplyPathAsync(store, ResultCodec.Decode(stored, key.Task.ResultType), key, cancellationToken).ConfigureAwait(false);
            }
        }

        return ResultPath.Apply(value, reference.Path, key => keys[key]);
    }

    private static async Task EnsureDoneAsync(JugContext context, IReadOnlyList<TaskNode> scope, CancellationToken cancellationToken)
    {
        if (context.Runner is not { } runner || !await runner.EnsureDoneAsync(context.Graph, scope, cancellationToken).ConfigureAwait(false))
        {
            throw new BarrierReachedException();
        }
    }
}
