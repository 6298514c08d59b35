using System.Collections;
using System.Diagnostics;
using Jug.Cloud.Encoding;
using Jug.Cloud.Graph;
using Jug.Cloud.Hashing;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>Runs one task: reads its inputs, calls its method and encodes the result.</summary>
public sealed class TaskRunner
{
    /// <summary>Reads in flight at once when a task needs several inputs from a store that is not in memory.</summary>
    private const int ParallelReads = 16;

    private readonly IResultStore _store;
    private readonly ResultCache _cache;
    private int _storeReads;

    /// <summary>Creates a runner reading inputs from <paramref name="store"/> through <paramref name="cache"/>.</summary>
    public TaskRunner(IResultStore store, ResultCache cache)
    {
        _store = store;
        _cache = cache;
    }

    /// <summary>
    /// With <see langword="true"/>, every argument is hashed before and after the call and a task that
    /// changed one fails (Jug's debug mode): a mutated input would silently corrupt every other
    /// task that reads the same cached value.
    /// </summary>
    public bool CheckArguments { get; init; }

    /// <summary>Results read from the store rather than the cache (what input locality saves).</summary>
    public int StoreReads => Volatile.Read(ref _storeReads);

    /// <summary>Runs attempt <paramref name="attempt"/> of <paramref name="task"/> on the calling (dedicated) thread.</summary>
    public TaskRunResult Run(TaskNode task, int attempt, string worker, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var hooks = TaskHooks.Current;
        try
        {
            var arguments = new object?[task.Arguments.Count];
            var inputs = new Inputs(ReadAhead(task));
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = Resolve(task.Arguments[i], ref inputs);
            }

            if (inputs.Missing is { } missing)
            {
                // Every bad input is found and removed now, so one resubmission runs them all again.
                throw InputMissingException.Of(task, missing);
            }

            var before = CheckArguments ? HashAll(arguments) : null;
            object? value;
            using (TaskExecution.Enter(new TaskExecution(task, attempt, worker, cancellationToken)))
            {
                hooks?.Started(task, attempt, worker);
                var pending = task.Invoker(arguments);
                value = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            }

            if (before is not null)
            {
                CheckUnchanged(task, before, HashAll(arguments));
            }

            var encoded = ResultCodec.Encode(value, task.ResultType);
            hooks?.Finished(task, attempt, worker, clock.Elapsed);
            return new TaskRunResult(task, attempt, value, encoded, null, started, clock.Elapsed);
        }
#pragma warning disable CA1031 // Any exception from user code is the task's failure, recorded and reported.
        catch (Exception e)
#pragma warning restore CA1031
        {
            hooks?.Failed(task, attempt, worker, clock.Elapsed, e);
            return new TaskRunResult(task, attempt, null, null, e, started, clock.Elapsed);
        }
    }

    private static TaskHash?[] HashAll(object?[] arguments)
    {
        var hashes = new TaskHash?[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            try
            {
                hashes[i] = CanonicalHash.OfValue(arguments[i]);
            }
            catch (UnhashableValueException)
            {
                hashes[i] = null;
            }
        }

        return hashes;
    }

    private static void CheckUnchanged(TaskNode task, TaskHash?[] before, TaskHash?[] after)
    {
        for (var i = 0; i < before.Length; i++)
        {
            if (before[i] != after[i])
            {
                throw new ArgumentMutatedException(
                    $"{task.Name} changed its argument {i + 1} ({task.Method.GetParameters()[i].Name}) while it ran; " +
                    "tasks must not modify their inputs, which other tasks may share.");
            }
        }
    }

    /// <summary>
    /// Reads the inputs of <paramref name="task"/> that are not cached, <see cref="ParallelReads"/> at a
    /// time, when there are several and the store is not in memory: a fan-in over a remote store then
    /// waits for a few round trips instead of one per input. Null when there is nothing to read ahead.
    /// </summary>
    private Dictionary<TaskHash, object?>? ReadAhead(TaskNode task)
    {
        if (_store.HoldsResultsInMemory)
        {
            return null;
        }

        HashSet<TaskNode>? toRead = null;
        foreach (var argument in task.Arguments)
        {
            if (argument is ValueArgument)
            {
                continue;
            }

            foreach (var reference in argument.References)
            {
                Consider(reference.Task, ref toRead);
                if (reference.HasKeys)
                {
                    foreach (var source in reference.Sources)
                    {
                        Consider(source, ref toRead);
                    }
                }
            }
        }

        if (toRead is not { Count: > 1 })
        {
            return null;
        }

        var read = new Dictionary<TaskHash, object?>(toRead.Count);
        var options = new ParallelOptions { MaxDegreeOfParallelism = ParallelReads };
        Parallel.ForEachAsync(toRead, options, async (input, _) =>
        {
            object? value;
            try
            {
                value = await ReadResultAsync(input);
            }
            catch (InputMissingException e)
            {
                value = new MissingInput(e);
            }

            lock (read)
            {
                read[input.Hash] = value;
            }
        }).GetAwaiter().GetResult();
        return read;
    }

    private void Consider(TaskNode input, ref HashSet<TaskNode>? toRead)
    {
        if (!_cache.TryGet(input.Hash, out _))
        {
            (toRead ??= []).Add(input);
        }
    }

    private object? Resolve(TaskArgument argument, ref Inputs inputs) => argument switch
    {
        ValueArgument value => value.Value,
        ReferenceArgument reference => TryRead(reference.Reference, ref inputs, out var value) ? value : null,
        ReferenceListArgument list => ReadList(list, ref inputs),
        _ => throw new InvalidOperationException($"Unknown argument kind {argument.GetType().Name}."),
    };

    private object ReadList(ReferenceListArgument list, ref Inputs inputs)
    {
        if (list.Shape == ListShape.List)
        {
            var result = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(list.ElementType), list.Items.Count)!;
            foreach (var item in list.Items)
            {
                if (TryRead(item, ref inputs, out var value))
                {
                    result.Add(value);
                }
            }

            return result;
        }

        var array = Array.CreateInstance(list.ElementType, list.Items.Count);
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (TryRead(list.Items[i], ref inputs, out var value))
            {
                array.SetValue(value, i);
            }
        }

        return array;
    }

    /// <summary>Reads one input; a missing or corrupt one is collected rather than thrown, so the others are checked too.</summary>
    private bool TryRead(TaskReference reference, ref Inputs inputs, out object? value)
    {
        var hash = reference.Task.Hash;
        if (inputs.ReadAhead is { } readAhead && readAhead.TryGetValue(hash, out value))
        {
            if (value is MissingInput lost)
            {
                inputs.Lose(lost.Error);
                return false;
            }
        }
        else if (!_cache.TryGet(hash, out value))
        {
            try
            {
                value = ReadResultAsync(reference.Task).AsTask().GetAwaiter().GetResult();
            }
            catch (InputMissingException e)
            {
                inputs.Lose(e);
                value = null;
                return false;
            }
        }

        if (inputs.Missing is not null)
        {
            // The call will not happen: skip the work of applying the path.
            return false;
        }

        if (reference.Path.Count == 0)
        {
            return true;
        }

        if (!reference.HasKeys)
        {
            value = ResultPath.Apply(value, reference.Path);
            return true;
        }

        return TryApplyKeyed(reference, ref inputs, ref value);
    }

    /// <summary>Follows a path indexed by other tasks' values, reading those first.</summary>
    private bool TryApplyKeyed(TaskReference reference, ref Inputs inputs, ref object? value)
    {
        var keys = new Dictionary<TaskReference, object?>(ReferenceEqualityComparer.Instance);
        foreach (var step in reference.Path)
        {
            if (step.Key is { } key)
            {
                if (!TryRead(key, ref inputs, out var keyValue))
                {
                    return false;
                }

                keys[key] = keyValue;
            }
        }

        value = ResultPath.Apply(value, reference.Path, key => keys[key]);
        return true;
    }

    /// <summary>Reads and decodes a result from the store (the caller looked in the cache) and caches it.</summary>
    private async ValueTask<object?> ReadResultAsync(TaskNode task)
    {
        object? value;
        Interlocked.Increment(ref _storeReads);
        try
        {
            var stored = await _store.GetAsync(task.Hash).ConfigureAwait(false)
                ?? throw new InputMissingException(task.Hash, $"The result of {task} is not in the store (was it removed while running?).");
            value = ResultCodec.Decode(stored, task.ResultType);
        }
        catch (CorruptObjectException e)
        {
            // Never a value: remove it so that the task that makes it runs again.
            await _store.DeleteAsync(task.Hash).ConfigureAwait(false);
            throw new InputMissingException(task.Hash, $"The stored result of {task} was corrupt and has been removed; {task.Name} must run again: {e.Message}", e);
        }

        _cache.Add(task.Hash, value);
        return value;
    }

    /// <summary>What reading a task's inputs found: values read ahead, and the inputs found missing.</summary>
    private struct Inputs(Dictionary<TaskHash, object?>? readAhead)
    {
        public readonly Dictionary<TaskHash, object?>? ReadAhead = readAhead;
        public List<InputMissingException>? Missing;

        public void Lose(InputMissingException missing) => (Missing ??= []).Add(missing);
    }

    /// <summary>An input read ahead that turned out missing or corrupt.</summary>
    private sealed record MissingInput(InputMissingException Error);
}
