using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Jug.Cloud.Graph;
using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>
/// A pool's slots: dedicated threads (user code never runs on Orleans' scheduler threads) that take
/// fetched tasks in turn, claim them when the store is shared, run them through <see cref="TaskRunner"/>
/// within their timeout, and hand each result to the commit pipeline.
/// </summary>
internal sealed class SlotRunner(
    TaskRunner runner,
    IJugStore store,
    ClaimKeeper? claims,
    PrefetchController prefetch,
    ChannelWriter<SlotResult> results,
    PoolStopSignal stop,
    WorkerPoolOptions options,
    ILogger logger) : IDisposable
{
    private readonly BlockingCollection<WorkItem> _ready = [];
    private readonly SlotActivity[] _activity = [.. Enumerable.Range(0, options.Slots).Select(_ => new SlotActivity())];
    private int _executing;

    /// <summary>Tasks running on the slots now.</summary>
    public int Executing => Volatile.Read(ref _executing);

    /// <summary>The tasks the slots are running now, each with when it started.</summary>
    public List<WorkerTask> Running(DateTimeOffset now)
    {
        var running = new List<WorkerTask>(_activity.Length);
        foreach (var slot in _activity)
        {
            if (slot.Read(now) is { } task)
            {
                running.Add(task);
            }
        }

        return running;
    }

    /// <summary>Starts one thread per slot.</summary>
    public Thread[] Start() => [.. Enumerable.Range(0, options.Slots).Select(StartSlot)];

    /// <summary>Queues a fetched task for the next free slot.</summary>
    public void Add(WorkItem item) => _ready.Add(item, CancellationToken.None);

    /// <summary>Takes every fetched task no slot has started, to hand back.</summary>
    public TaskHash[] TakeUnstarted()
    {
        var unstarted = new List<TaskHash>();
        while (_ready.TryTake(out var item))
        {
            unstarted.Add(item.Task.Hash);
        }

        return [.. unstarted];
    }

    /// <summary>The tasks the slots are running now.</summary>
    public TaskHash[] RunningTasks() => [.. _activity.Select(a => a.Current).OfType<WorkItem>().Select(i => i.Task.Hash)];

    /// <summary>Nothing more is fetched: the slots end once the queue is empty.</summary>
    public void CompleteAdding() => _ready.CompleteAdding();

    /// <inheritdoc />
    public void Dispose() => _ready.Dispose();

    private Thread StartSlot(int slot)
    {
        var activity = _activity[slot];
        var thread = new Thread(() => RunSlot(activity)) { IsBackground = true, Name = $"jug-worker-{slot}" };
        thread.Start();
        return thread;
    }

    private void RunSlot(SlotActivity activity)
    {
        foreach (var item in _ready.GetConsumingEnumerable())
        {
            prefetch.Started();
            var started = Stopwatch.GetTimestamp();
            results.TryWrite(RunItem(item, activity, started));
            if (prefetch.FollowsTaskTime)
            {
                prefetch.Ran(Stopwatch.GetTimestamp() - started);
            }
        }
    }

    /// <summary>
    /// Whether a reissued task's result is in the store already: a silo killed after storing a group
    /// and before reporting it leaves exactly such tasks, and running them again would be wasted work
    /// (and, for tasks with side effects, a second run). The result is read and verified, not only
    /// looked up: the silo may have died in the middle of writing it, and a store whose writes are not
    /// atomic (an S3 stand-in, a file store on a network share) then holds an object that exists but
    /// does not read back whole; that task runs again and its result replaces the broken one. One read,
    /// only for reissued tasks.
    /// </summary>
    private bool StoredAlready(TaskHash hash)
    {
        try
        {
            return store.GetAsync(hash).AsTask().GetAwaiter().GetResult() is not null;
        }
#pragma warning disable CA1031 // The check only saves work: if the store cannot answer, or the result is damaged, the task runs.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>Asks the store, from a slot's own thread, whether <paramref name="hash"/> has a result now.</summary>
    private bool InStore(TaskHash hash) => store.ExistsAsync([hash]).AsTask().GetAwaiter().GetResult()[0];

    private SlotResult RunItem(WorkItem item, SlotActivity activity, long started)
    {
        var hash = item.Task.Hash;
        if (stop.Stopping)
        {
            return new SlotResult(null, new TaskOutcome(hash, OutcomeKind.NotStarted, null, 0));
        }

        if (item.Reissued && StoredAlready(hash))
        {
            return new SlotResult(null, new TaskOutcome(hash, OutcomeKind.DoneElsewhere, null, 0));
        }

        if (claims is not null && !claims.TryStartUnclaimed(hash))
        {
            try
            {
                if (!claims.TryClaim(hash))
                {
                    return new SlotResult(null, new TaskOutcome(hash, OutcomeKind.HeldElsewhere, null, 0));
                }

                // Built from an older view of the store: another process may have finished it since.
                if (InStore(hash))
                {
                    claims.ReleaseAsync(hash).AsTask().GetAwaiter().GetResult();
                    return new SlotResult(null, new TaskOutcome(hash, OutcomeKind.DoneElsewhere, null, 0));
                }
            }
#pragma warning disable CA1031 // A store that cannot take a claim fails this attempt; the slot goes on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                return new SlotResult(new TaskRunResult(item.Task, item.Attempt, null, null, e, DateTimeOffset.UtcNow, TimeSpan.Zero), null);
            }
        }

        // Pools of several runs on one silo share its slots: each holds one while a task runs.
        options.SharedSlots?.Wait();
        Interlocked.Increment(ref _executing);
        // A claim or a shared slot may have kept the slot waiting: the task starts now, not when taken.
        activity.Begin(item, claims is null && options.SharedSlots is null ? started : Stopwatch.GetTimestamp());
        try
        {
            var timeout = item.Task.Options.Timeout ?? options.DefaultTimeout;
            return new SlotResult(timeout is { } limit ? RunWithTimeout(item, limit) : runner.Run(item.Task, item.Attempt, options.WorkerName, CancellationToken.None), null);
        }
        finally
        {
            activity.End();
            Interlocked.Decrement(ref _executing);
            options.SharedSlots?.Release();
        }
    }

    /// <summary>
    /// Runs an attempt on its own thread and waits at most <paramref name="timeout"/>. A task past it
    /// is cancelled (through <see cref="TaskExecution.CancellationToken"/>) and recorded as failed; if
    /// it ignores cancellation its thread is abandoned and whatever it returns later is discarded.
    /// </summary>
    private TaskRunResult RunWithTimeout(WorkItem item, TimeSpan timeout)
    {
        var started = DateTimeOffset.UtcNow;
        var cancellation = new CancellationTokenSource();
        var work = Task.Factory.StartNew(
            () => runner.Run(item.Task, item.Attempt, options.WorkerName, cancellation.Token),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        if (work.Wait(timeout))
        {
            cancellation.Dispose();
            return work.Result;
        }

        cancellation.Cancel();
        if (!work.Wait(TimeSpan.FromSeconds(1)))
        {
            WorkerLog.TaskAbandoned(logger, item.Task.Name, item.Task.Hash.ToShortString(), timeout);
        }

        var error = new TimeoutException($"{item.Task.Name} ran longer than its timeout of {timeout.TotalSeconds:0.###} s and was cancelled.");
        return new TaskRunResult(item.Task, item.Attempt, null, null, error, started, DateTimeOffset.UtcNow - started);
    }
}
