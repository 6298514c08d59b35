using Jug.Cloud.Graph;
using Jug.Cloud.Hashing;

namespace Jug.Cloud;

/// <summary>Compound tasks and identity-keyed values: graph pieces cached as one result.</summary>
public static partial class Jug
{
    /// <summary>
    /// Jug's <c>CompoundTask</c>: <paramref name="builder"/> declares a sub-graph and returns the handle
    /// of its final result; that result is also stored under the identity of this call, so once it
    /// is done a later run finds it and does not even call <paramref name="builder"/> again.
    /// An argument may be a handle (<c>CompoundTask(Twice, four)</c> with <c>Twice(Handle&lt;long&gt; x)</c>):
    /// the builder receives it and declares tasks on it, and the compound's identity takes the
    /// handle's hash. The builder may use <see cref="Barrier"/>, <see cref="BValue{T}"/> and
    /// <see cref="Value{T}"/> to decide what to declare.
    /// </summary>
    public static Handle<T> CompoundTask<T1, T>(Func<T1, Handle<T>> builder, T1 a1) =>
        Compound(builder, [Arg.CompoundInput(a1)], () => builder(a1));

    /// <inheritdoc cref="CompoundTask{T1, T}(Func{T1, Handle{T}}, T1)" />
    public static Handle<T> CompoundTask<T1, T2, T>(Func<T1, T2, Handle<T>> builder, T1 a1, T2 a2) =>
        Compound(builder, [Arg.CompoundInput(a1), Arg.CompoundInput(a2)], () => builder(a1, a2));

    /// <inheritdoc cref="CompoundTask{T1, T}(Func{T1, Handle{T}}, T1)" />
    public static Handle<T> CompoundTask<T1, T2, T3, T>(Func<T1, T2, T3, Handle<T>> builder, T1 a1, T2 a2, T3 a3) =>
        Compound(builder, [Arg.CompoundInput(a1), Arg.CompoundInput(a2), Arg.CompoundInput(a3)], () => builder(a1, a2, a3));

    /// <summary>
    /// A value whose identity is <paramref name="key"/> rather than its content, as a handle other
    /// tasks can take: for values that are expensive to hash or have no canonical form (a loaded
    /// dataset identified by its path and version). The value is stored once under that identity;
    /// a later run with the same key reuses what is stored, so change the key when the value changes.
    /// </summary>
    public static Handle<T> Identity<T>(T value, object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        TaskHash keyDigest;
        try
        {
            keyDigest = CanonicalHash.OfValue(key);
        }
        catch (UnhashableValueException e)
        {
            throw new JugDeclarationException($"Identity(..., key): the key cannot be hashed: {e.Message}", e);
        }

        var method = TaskMethod.For(IdentityValue<T>);
        var writer = HashWriter.Rent();
        TaskHash hash;
        try
        {
            writer.BeginTask(method.Name, method.Version);
            writer.WriteValueDigestArgument(keyDigest);
            hash = writer.Finish();
        }
        finally
        {
            HashWriter.Return(writer);
        }

        var graph = JugContext.Current.Graph;
        var node = graph.Find(hash) ?? graph.Add(new TaskNode(
            hash, method.Name, method.Method, [new ValueArgument(key)], typeof(T), _ => new ValueTask<object?>(value), TaskOptions.Default));
        return new TaskHandle<T>(node);
    }

    [JugTask(Name = "jug.identity")]
    private static T IdentityValue<T>(T value) => value;

    private static Handle<T> Compound<T>(Delegate builder, TaskArgument[] arguments, Func<Handle<T>> build)
    {
        var method = TaskMethod.For(builder);
        var hash = ComputeHash(method, arguments);
        var context = JugContext.Current;
        if (context.Graph.Find(hash) is { } existing)
        {
            return new TaskHandle<T>(existing);
        }

        if (context.Runner is { } runner && runner.Store.ExistsAsync([hash]).AsTask().GetAwaiter().GetResult()[0])
        {
            // Done before: the stored result stands for the whole sub-graph, which is not declared again.
            return new TaskHandle<T>(context.Graph.Add(new TaskNode(
                hash, method.Name, method.Method, arguments, typeof(T),
                _ => throw new InvalidOperationException($"The stored result of compound task {method.Name} disappeared; run the jugfile again to rebuild it."),
                method.Options)));
        }

        var inner = build() ?? throw new JugDeclarationException($"CompoundTask({method.Name}, ...): the builder returned null instead of a handle.");
        return new TaskHandle<T>(context.Graph.Add(new TaskNode(
            hash, method.Name, method.Method, [new ReferenceArgument(inner.Reference)], typeof(T),
            a => new ValueTask<object?>(a[0]),
            method.Options)));
    }
}
