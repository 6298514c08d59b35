using System.Linq.Expressions;
using Jug.Cloud.Graph;

namespace Jug.Cloud;

/// <summary>Typed views into handles whose results are arrays, lists or objects.</summary>
public static class HandleExtensions
{
    /// <summary>Element <paramref name="index"/> of an array result.</summary>
    public static Tasklet<T> At<T>(this Handle<T[]> handle, int index) => Tasklets.View<T>(handle, Checked(index));

    /// <summary>Element <paramref name="index"/> of a list result.</summary>
    public static Tasklet<T> At<T>(this Handle<List<T>> handle, int index) => Tasklets.View<T>(handle, Checked(index));

    /// <summary>Element <paramref name="index"/> of a read-only list result.</summary>
    public static Tasklet<T> At<T>(this Handle<IReadOnlyList<T>> handle, int index) => Tasklets.View<T>(handle, Checked(index));

    /// <summary>
    /// The element of an array result at the index another task computes (Jug's <c>r[z]</c> with
    /// <c>z</c> a task): the index is read when the consumer runs, and the view's identity is the
    /// parent's hash and the index task's.
    /// </summary>
    public static Tasklet<T> At<T>(this Handle<T[]> handle, Handle<int> index) => Tasklets.View<T>(handle, Keyed(index));

    /// <inheritdoc cref="At{T}(Handle{T[]}, Handle{int})" />
    public static Tasklet<T> At<T>(this Handle<List<T>> handle, Handle<int> index) => Tasklets.View<T>(handle, Keyed(index));

    /// <inheritdoc cref="At{T}(Handle{T[]}, Handle{int})" />
    public static Tasklet<T> At<T>(this Handle<IReadOnlyList<T>> handle, Handle<int> index) => Tasklets.View<T>(handle, Keyed(index));

    /// <summary>The entry of a dictionary result under the key another task computes, read when the consumer runs.</summary>
    public static Tasklet<TValue> At<TKey, TValue>(this Handle<Dictionary<TKey, TValue>> handle, Handle<TKey> key)
        where TKey : notnull => Tasklets.View<TValue>(handle, Keyed(key));

    /// <inheritdoc cref="At{TKey, TValue}(Handle{Dictionary{TKey, TValue}}, Handle{TKey})" />
    public static Tasklet<TValue> At<TKey, TValue>(this Handle<IReadOnlyDictionary<TKey, TValue>> handle, Handle<TKey> key) =>
        Tasklets.View<TValue>(handle, Keyed(key));

    /// <summary>
    /// The result passed through <paramref name="function"/> when it is read (Jug's
    /// <c>Tasklet(t, f)</c>): nothing is stored, and every consumer calls the function on the parent's
    /// value. <paramref name="function"/> must be a named static method; the view's identity is the
    /// parent's hash and the method's task name (its version and code digest when it declares them
    /// with <c>[JugTask]</c>), and on a cluster the silo finds the method by that name in the bundle.
    /// Use it for cheap functions: an expensive one belongs in a task of its own, stored once.
    /// </summary>
    public static Tasklet<TOut> Select<T, TOut>(this Handle<T> handle, Func<T, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(function);
        var method = TaskMethod.For(function);
        var identity = method.Version == 0 ? method.Name : $"{method.Name}@v{method.Version}";
        if (method.CodeDigest is { } code)
        {
            identity += "#" + code;
        }

        return Tasklets.View<TOut>(handle, ResultPathStep.Through(method.Method, identity));
    }

    /// <summary>
    /// A member of a record or object result, chosen by a member-access expression:
    /// <c>handle.Get(r =&gt; r.Mean)</c> or <c>handle.Get(r =&gt; r.Points[2].X)</c>.
    /// </summary>
    public static Tasklet<TOut> Get<T, TOut>(this Handle<T> handle, Expression<Func<T, TOut>> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        JugHandle current = handle;
        foreach (var step in MemberPath.Parse(selector))
        {
            current = Tasklets.View<object>(current, step);
        }

        return new Tasklet<TOut>(current.Reference);
    }

    private static ResultPathStep Keyed(JugHandle key) =>
        ResultPathStep.AtValueOf((key ?? throw new JugDeclarationException("The index handle of a view is null.")).Reference);

    private static ResultPathStep Checked(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return ResultPathStep.At(index);
    }
}
