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

    private static ResultPathStep Checked(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return ResultPathStep.At(index);
    }
}
