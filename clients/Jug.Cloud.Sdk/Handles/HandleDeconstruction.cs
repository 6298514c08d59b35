namespace Jug.Cloud;

/// <summary>
/// Splitting a result into handles: <c>var (mean, std) = Task(Stats.Of, xs);</c> for tuples, and
/// Jug's <c>iteratetask</c> for arrays and lists of a known length.
/// </summary>
public static class HandleDeconstruction
{
    /// <summary>The items of a pair result as two handles.</summary>
    public static void Deconstruct<T1, T2>(this Handle<(T1, T2)> handle, out Tasklet<T1> item1, out Tasklet<T2> item2)
    {
        item1 = handle.Item1;
        item2 = handle.Item2;
    }

    /// <summary>The items of a triple result as three handles.</summary>
    public static void Deconstruct<T1, T2, T3>(this Handle<(T1, T2, T3)> handle, out Tasklet<T1> item1, out Tasklet<T2> item2, out Tasklet<T3> item3)
    {
        item1 = handle.Item1;
        item2 = handle.Item2;
        item3 = handle.Item3;
    }

    /// <summary>The items of a four-tuple result as four handles.</summary>
    public static void Deconstruct<T1, T2, T3, T4>(this Handle<(T1, T2, T3, T4)> handle, out Tasklet<T1> item1, out Tasklet<T2> item2, out Tasklet<T3> item3, out Tasklet<T4> item4)
    {
        item1 = handle.Item1;
        item2 = handle.Item2;
        item3 = handle.Item3;
        item4 = handle.Item4;
    }
}

/// <summary>Jug's <c>iteratetask</c>.</summary>
public static partial class Jug
{
    /// <summary>The first <paramref name="count"/> elements of an array result, as handles (Jug's <c>iteratetask(t, n)</c>).</summary>
    public static IReadOnlyList<Tasklet<T>> IterateTask<T>(Handle<T[]> handle, int count) => Iterate(count, i => handle.At(i));

    /// <summary>The first <paramref name="count"/> elements of a list result, as handles.</summary>
    public static IReadOnlyList<Tasklet<T>> IterateTask<T>(Handle<List<T>> handle, int count) => Iterate(count, i => handle.At(i));

    /// <summary>The first <paramref name="count"/> elements of a read-only list result, as handles.</summary>
    public static IReadOnlyList<Tasklet<T>> IterateTask<T>(Handle<IReadOnlyList<T>> handle, int count) => Iterate(count, i => handle.At(i));

    private static Tasklet<T>[] Iterate<T>(int count, Func<int, Tasklet<T>> at)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var items = new Tasklet<T>[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = at(i);
        }

        return items;
    }
}
