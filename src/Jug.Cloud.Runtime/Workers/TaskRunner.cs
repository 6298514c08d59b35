using System.Collections;
using System.Diagnostics;
using Jug.Cloud.Encoding;
using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>Runs one task: reads its inputs, calls its method and encodes the result.</summary>
public sealed class TaskRunner
{
    private readonly IResultStore _store;
    private readonly ResultCache _cache;

    /// <summary>Creates a runner reading inputs from <paramref name="store"/> through <paramref name="cache"/>.</summary>
    public TaskRunner(IResultStore store, ResultCache cache)
    {
        _store = store;
        _cache = cache;
    }

    /// <summary>Runs <paramref name="task"/> on the calling (dedicated) thread.</summary>
    public CompletedTask Run(TaskNode task)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var arguments = new object?[task.Arguments.Count];
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = Resolve(task.Arguments[i]);
            }

            var pending = task.Invoker(arguments);
            var value = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            var encoded = ResultCodec.Encode(value, task.ResultType);
            return new CompletedTask(task, value, encoded, null, clock.Elapsed);
        }
#pragma warning disable CA1031 // Any exception from user code is the task's failure, recorded and reported.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new CompletedTask(task, null, null, e, clock.Elapsed);
        }
    }

    private object? Resolve(TaskArgument argument) => argument switch
    {
        ValueArgument value => value.Value,
        ReferenceArgument reference => Read(reference.Reference),
        ReferenceListArgument list => ReadList(list),
        _ => throw new InvalidOperationException($"Unknown argument kind {argument.GetType().Name}."),
    };

    private object ReadList(ReferenceListArgument list)
    {
        if (list.Shape == ListShape.List)
        {
            var result = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(list.ElementType), list.Items.Count)!;
            foreach (var item in list.Items)
            {
                result.Add(Read(item));
            }

            return result;
        }

        var array = Array.CreateInstance(list.ElementType, list.Items.Count);
        for (var i = 0; i < list.Items.Count; i++)
        {
            array.SetValue(Read(list.Items[i]), i);
        }

        return array;
    }

    private object? Read(TaskReference reference)
    {
        var value = ReadResult(reference.Task);
        return reference.Path.Count == 0 ? value : ResultPath.Apply(value, reference.Path);
    }

    private object? ReadResult(TaskNode task)
    {
        if (_cache.TryGet(task.Hash, out var cached))
        {
            return cached;
        }

        var stored = _store.GetAsync(task.Hash).AsTask().GetAwaiter().GetResult()
            ?? throw new InvalidOperationException($"The result of {task} is not in the store (was it removed while running?).");
        var value = ResultCodec.Decode(stored, task.ResultType);
        _cache.Add(task.Hash, value);
        return value;
    }
}

/// <summary>The outcome of running one task, before it is stored and reported.</summary>
/// <param name="Task">The task.</param>
/// <param name="Value">The result value (for the local cache).</param>
/// <param name="Encoded">The stored object to write; null on failure.</param>
/// <param name="Error">The exception the task threw; null on success.</param>
/// <param name="Duration">How long the method ran.</param>
public sealed record CompletedTask(TaskNode Task, object? Value, byte[]? Encoded, Exception? Error, TimeSpan Duration);
