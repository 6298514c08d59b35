namespace Jug.Cloud.MapReduce;

/// <summary>
/// Jug's <c>jug.mapreduce</c> (<c>using static Jug.Cloud.MapReduce.MapReduceTasks;</c>): many small calls batched into fewer tasks, with the same results as
/// declaring one task per call. <see cref="Map{TIn, TOut}(Func{TIn, TOut}, IEnumerable{TIn}, int)"/> gives one
/// handle per input (views into chunk results); <see cref="Reduce{T}"/> folds handles in a tree of
/// chunked tasks; <see cref="MapReduce{TIn, TOut}"/> maps and folds each chunk in one task, then folds those.
/// The mapper and reducer must be named static methods; their identity (name, version) is part of the hash.
/// </summary>
public static class MapReduceTasks
{
    /// <summary>Applies <paramref name="mapper"/> to every input, <paramref name="chunk"/> inputs per task.</summary>
    public static IReadOnlyList<Tasklet<TOut>> Map<TIn, TOut>(Func<TIn, TOut> mapper, IEnumerable<TIn> inputs, int chunk = 4)
    {
        var function = new TaskFunction<Func<TIn, TOut>>(mapper);
        return Views(Chunks(inputs, chunk).Select(c => Jug.Task(MapChunk, function, c)));
    }

    /// <summary>Applies <paramref name="mapper"/> to every input handle's value, <paramref name="chunk"/> per task.</summary>
    public static IReadOnlyList<Tasklet<TOut>> Map<TIn, TOut>(Func<TIn, TOut> mapper, IEnumerable<Handle<TIn>> inputs, int chunk = 4)
    {
        var function = new TaskFunction<Func<TIn, TOut>>(mapper);
        return Views(Chunks(inputs, chunk).Select(c => Jug.Task(MapChunk, function, c)));
    }

    /// <summary>Jug's <c>currymap</c>: <paramref name="mapper"/> called with the items of each input pair.</summary>
    public static IReadOnlyList<Tasklet<TOut>> CurryMap<T1, T2, TOut>(Func<T1, T2, TOut> mapper, IEnumerable<(T1, T2)> inputs, int chunk = 4)
    {
        var function = new TaskFunction<Func<T1, T2, TOut>>(mapper);
        return Views(Chunks(inputs, chunk).Select(c => Jug.Task(CurryMapChunk, function, c)));
    }

    /// <summary>Folds the values of <paramref name="inputs"/> with <paramref name="reducer"/>, <paramref name="chunk"/> values per task, as a tree.</summary>
    public static Handle<T> Reduce<T>(Func<T, T, T> reducer, IEnumerable<Handle<T>> inputs, int chunk = 8)
    {
        var function = new TaskFunction<Func<T, T, T>>(reducer);
        var level = inputs.ToList();
        if (level.Count == 0)
        {
            throw new JugDeclarationException($"Reduce({function}, ...): there is nothing to reduce.");
        }

        CheckChunk(chunk, 2);
        while (level.Count > 1)
        {
            level = [.. level.Chunk(chunk).Select(c => (Handle<T>)Jug.Task(ReduceChunk, function, c))];
        }

        return level[0];
    }

    /// <summary>Maps every input and folds the mapped values: each task maps and folds <paramref name="mapChunk"/> inputs, then those are folded by <see cref="Reduce{T}"/>.</summary>
    public static Handle<TOut> MapReduce<TIn, TOut>(Func<TOut, TOut, TOut> reducer, Func<TIn, TOut> mapper, IEnumerable<TIn> inputs, int mapChunk = 4, int reduceChunk = 8)
    {
        var map = new TaskFunction<Func<TIn, TOut>>(mapper);
        var reduce = new TaskFunction<Func<TOut, TOut, TOut>>(reducer);
        var partials = Chunks(inputs, mapChunk).Select(c => (Handle<TOut>)Jug.Task(MapReduceChunk, reduce, map, c)).ToList();
        return Reduce(reducer, partials, reduceChunk);
    }

    [JugTask(Name = "jug.map")]
    private static TOut[] MapChunk<TIn, TOut>(TaskFunction<Func<TIn, TOut>> mapper, TIn[] chunk) =>
        Array.ConvertAll(chunk, x => mapper.Invoke(x));

    [JugTask(Name = "jug.map")]
    private static TOut[] MapChunk<TIn, TOut>(TaskFunction<Func<TIn, TOut>> mapper, IReadOnlyList<TIn> chunk) =>
        [.. chunk.Select(x => mapper.Invoke(x))];

    [JugTask(Name = "jug.currymap")]
    private static TOut[] CurryMapChunk<T1, T2, TOut>(TaskFunction<Func<T1, T2, TOut>> mapper, (T1, T2)[] chunk) =>
        Array.ConvertAll(chunk, x => mapper.Invoke(x.Item1, x.Item2));

    [JugTask(Name = "jug.reduce")]
    private static T ReduceChunk<T>(TaskFunction<Func<T, T, T>> reducer, IReadOnlyList<T> chunk) =>
        chunk.Aggregate((a, b) => reducer.Invoke(a, b));

    [JugTask(Name = "jug.mapreduce")]
    private static TOut MapReduceChunk<TIn, TOut>(TaskFunction<Func<TOut, TOut, TOut>> reducer, TaskFunction<Func<TIn, TOut>> mapper, TIn[] chunk) =>
        chunk.Select(x => mapper.Invoke(x)).Aggregate((a, b) => reducer.Invoke(a, b));

    private static IEnumerable<T[]> Chunks<T>(IEnumerable<T> inputs, int chunk)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        CheckChunk(chunk, 1);
        return inputs.Chunk(chunk);
    }

    private static void CheckChunk(int chunk, int minimum)
    {
        if (chunk < minimum)
        {
            throw new JugDeclarationException($"A map/reduce chunk size must be at least {minimum}; got {chunk}.");
        }
    }

    private static List<Tasklet<TOut>> Views<TOut>(IEnumerable<TaskHandle<TOut[]>> chunkTasks)
    {
        var views = new List<Tasklet<TOut>>();
        foreach (var task in chunkTasks)
        {
            var size = task.Task.Arguments[1] switch
            {
                Graph.ValueArgument { Value: Array array } => array.Length,
                Graph.ReferenceListArgument list => list.Items.Count,
                _ => throw new InvalidOperationException("A map chunk has an unexpected argument."),
            };
            for (var i = 0; i < size; i++)
            {
                views.Add(task.At(i));
            }
        }

        return views;
    }
}
