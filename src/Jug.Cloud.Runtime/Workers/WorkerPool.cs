using System.Collections.Concurrent;
using System.Threading.Channels;
using Jug.Cloud.Graph;
using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>
/// A silo's worker slots for one run. A fetch loop long-polls the run's dispatcher for batches of
/// ready tasks; dedicated threads run them (user code never runs on Orleans' scheduler threads);
/// a commit loop stores results in groups, appends the run log and reports outcomes in batches.
/// With <see cref="WorkerPoolOptions.Claims"/>, each task is claimed in the store before it runs.
/// </summary>
public sealed partial class WorkerPool : IDisposable
{
    private readonly IRunDispatcherGrain _dispatcher;
    private readonly ITaskResolver _resolver;
    private readonly IJugStore _store;
    private readonly WorkerPoolOptions _options;
    private readonly ILogger _logger;
    private readonly TaskRunner _runner;
    private readonly ResultCache _cache;
    private readonly ClaimKeeper? _claims;
    private JugdirLease? _lease;
    private readonly HeldTaskWatcher? _watcher;
    private readonly BlockingCollection<WorkItem> _ready = [];
    private readonly Channel<SlotResult> _completed = Channel.CreateUnbounded<SlotResult>(new() { SingleReader = true });
    private readonly SemaphoreSlim _space;

    /// <summary>Permits <see cref="_space"/> was given in all: tasks queued locally at most. Only the fetch loop changes it.</summary>
    private int _capacity;

    /// <summary>A moving average of how long tasks run here, in stopwatch ticks; 0 until one ran.</summary>
    private long _averageTaskTicks;
    private readonly ConcurrentDictionary<TaskHash, FailureRecord> _failures = new();
    private readonly string _runId;
    private int _executing;
    private int _stored;
    private volatile bool _stopping;
    private volatile bool _commitFailed;
    private readonly string[] _tags;

    /// <summary>With a store in memory, only results at least this large are worth a decoded copy.</summary>
    private const long InMemoryStoreCacheMinimum = 64 * 1024;

    /// <summary>Creates a pool for run <paramref name="runId"/>.</summary>
    public WorkerPool(IGrainFactory grains, string runId, ITaskResolver resolver, IJugStore store, WorkerPoolOptions options, ILogger logger)
    {
        _dispatcher = grains.GetGrain<IRunDispatcherGrain>(runId);
        _runId = runId;
        _tags = [.. options.Tags];
        _resolver = resolver;
        _store = store;
        _options = options;
        _logger = logger;
        _cache = new ResultCache(options.ResultCacheBytes) { MinimumBytes = store.HoldsResultsInMemory ? InMemoryStoreCacheMinimum : 0 };
        _runner = new TaskRunner(store, _cache) { CheckArguments = options.CheckArguments };
        if (options.Claims is { } claims)
        {
            _claims = new ClaimKeeper(store, claims, $"{options.WorkerName}/{runId[..Math.Min(8, runId.Length)]}", logger);
            _watcher = new HeldTaskWatcher(_dispatcher, store, claims, options.WorkerName, logger);
        }

        // Prefetching reserves nothing in a shared store: a slot claims a task only when it starts it.
        _capacity = CapacityFor(options.PrefetchHorizon is null ? options.PrefetchPerSlot : 1);
        _space = new SemaphoreSlim(_capacity);
    }

    /// <summary>Tasks running on this pool's slots now (not counting those fetched and waiting for a slot).</summary>
    public int Executing => Volatile.Read(ref _executing);

    /// <summary>Results of other tasks this pool read from the store (not from its cache).</summary>
    public int StoreReads => _runner.StoreReads;

    /// <summary>Tasks this pool ran and stored.</summary>
    public int Stored => Volatile.Read(ref _stored);

    /// <summary>The tasks that failed for good in this pool, with their last failure.</summary>
    public IReadOnlyCollection<FailureRecord> Failures => (IReadOnlyCollection<FailureRecord>)_failures.Values;

    /// <summary>True if the pool stopped waiting for tasks other processes hold (<see cref="ClaimSettings.WaitCycles"/>).</summary>
    public bool GaveUpWaiting => _watcher?.GaveUp ?? false;

    /// <summary>Starts no task it has not started yet; running tasks finish and are stored.</summary>
    public void Stop() => _stopping = true;

    /// <summary>
    /// Runs until the dispatcher says the run is over, or until <paramref name="stopFetching"/> is
    /// cancelled: then tasks fetched but not started are handed back, and running ones finish and are
    /// stored before this returns.
    /// </summary>
    public async Task RunAsync(CancellationToken stopFetching)
    {
        WorkerLog.PoolStarted(_logger, _options.WorkerName, _options.Slots, _runId);
        if (_claims is not null && _options.Claims!.RunAloneWhenAlone)
        {
            try
            {
                _lease = await JugdirLease.AcquireAsync(_store, _claims.Owner, _options.Claims.TimeToLive, _logger, BecomingSharedAsync, stopFetching);
            }
            catch (OperationCanceledException) when (stopFetching.IsCancellationRequested)
            {
                // Stopped while waiting to join a process running alone: nothing was fetched or run.
                _stopping = true;
                return;
            }

            if (_lease.Alone)
            {
                // No one else works on the store now and no one will claim anything until this pool
                // shares it, so the claims present now are all that can be in the way.
                var claimed = new HashSet<TaskHash>();
                await foreach (var claim in _store.ListClaimsAsync(stopFetching))
                {
                    if (!JugdirLease.IsLeaseKey(claim.Key))
                    {
                        claimed.Add(claim.Key);
                    }
                }

                _claims.BeginAlone(claimed);
                (_store as ISoloWriter)?.SetWritingAlone(true);
            }
        }

        using var background = new CancellationTokenSource();
        var threads = Enumerable.Range(0, _options.Slots).Select(StartSlot).ToArray();
        var commit = Task.Run(() => CommitLoopAsync(CancellationToken.None), CancellationToken.None);
        var keepAlive = _claims?.KeepAliveAsync(background.Token) ?? Task.CompletedTask;
        var watch = _watcher?.RunAsync(background.Token) ?? Task.CompletedTask;
        var heartbeat = _options.Heartbeat is { } interval ? HeartbeatAsync(interval, background.Token) : Task.CompletedTask;
        try
        {
            await FetchLoopAsync(stopFetching);
        }
        catch (OperationCanceledException) when (stopFetching.IsCancellationRequested)
        {
            _stopping = true;
        }
        finally
        {
            _ready.CompleteAdding();
            await Task.Run(() => Array.ForEach(threads, t => t.Join()), CancellationToken.None);
            _completed.Writer.TryComplete();
            await commit;
            await background.CancelAsync();
            await Task.WhenAll(keepAlive, watch, heartbeat);
            if (_claims is not null)
            {
                await _claims.ReleaseAllAsync();
            }

            if (_lease is not null)
            {
                await _lease.DisposeAsync();
            }
        }
    }

    /// <summary>Another process joins the store: write results one by one again and claim what runs.</summary>
    private ValueTask BecomingSharedAsync()
    {
        (_store as ISoloWriter)?.SetWritingAlone(false);
        return _claims!.EndAloneAsync();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _ready.Dispose();
        _space.Dispose();
    }

    private Thread StartSlot(int slot)
    {
        var thread = new Thread(RunSlot) { IsBackground = true, Name = $"jug-worker-{slot}" };
        thread.Start();
        return thread;
    }

    private void RunSlot()
    {
        foreach (var item in _ready.GetConsumingEnumerable())
        {
            _space.Release();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            _completed.Writer.TryWrite(RunItem(item));
            if (_options.PrefetchHorizon is not null)
            {
                // A rough average is enough: it only sizes how far ahead to fetch. Races lose a sample.
                var ticks = System.Diagnostics.Stopwatch.GetTimestamp() - started;
                var average = Volatile.Read(ref _averageTaskTicks);
                Volatile.Write(ref _averageTaskTicks, average == 0 ? ticks : average + ((ticks - average) / 8));
            }
        }
    }

    private SlotResult RunItem(WorkItem item)
    {
        var hash = item.Task.Hash;
        if (_stopping)
        {
            return new SlotResult(null, new TaskOutcome(hash, OutcomeKind.NotStarted, null, 0));
        }

        if (_claims is not null && !_claims.TryStartUnclaimed(hash))
        {
            try
            {
                if (!_claims.TryClaim(hash))
                {
                    return new SlotResult(null, new TaskOutcome(hash, OutcomeKind.HeldElsewhere, null, 0));
                }

                // Built from an older view of the store: another process may have finished it since.
                if (_store.ExistsAsync([hash]).AsTask().GetAwaiter().GetResult()[0])
                {
                    _claims.ReleaseAsync(hash).AsTask().GetAwaiter().GetResult();
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
        _options.SharedSlots?.Wait();
        Interlocked.Increment(ref _executing);
        try
        {
            var timeout = item.Task.Options.Timeout ?? _options.DefaultTimeout;
            return new SlotResult(timeout is { } limit ? RunWithTimeout(item, limit) : _runner.Run(item.Task, item.Attempt, _options.WorkerName, CancellationToken.None), null);
        }
        finally
        {
            Interlocked.Decrement(ref _executing);
            _options.SharedSlots?.Release();
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
            () => _runner.Run(item.Task, item.Attempt, _options.WorkerName, cancellation.Token),
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
            WorkerLog.TaskAbandoned(_logger, item.Task.Name, item.Task.Hash.ToShortString(), timeout);
        }

        var error = new TimeoutException($"{item.Task.Name} ran longer than its timeout of {timeout.TotalSeconds:0.###} s and was cancelled.");
        return new TaskRunResult(item.Task, item.Attempt, null, null, error, started, DateTimeOffset.UtcNow - started);
    }

    private async Task FetchLoopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            AdjustPrefetch();
            await _space.WaitAsync(cancellationToken);
            var granted = 1;
            while (granted < _options.MaxBatch && _space.Wait(0, CancellationToken.None))
            {
                granted++;
            }

            ReadyBatch batch;
            try
            {
                batch = await _dispatcher.Take(_options.WorkerName, granted, _tags);
            }
            catch (Exception e) when (IsUnreachable(e) && !_stopping)
            {
                // The dispatcher's silo died; once the cluster knows, asking again reaches a new
                // activation, which tells the run's supervisor and ends this epoch.
                _space.Release(granted);
                WorkerLog.DispatcherUnreachable(_logger, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                continue;
            }

            if (granted > batch.Tasks.Length)
            {
                _space.Release(granted - batch.Tasks.Length);
            }

            for (var i = 0; i < batch.Tasks.Length; i++)
            {
                var hash = batch.Tasks[i];
                if (_resolver.Resolve(hash) is { } task)
                {
                    _ready.Add(new WorkItem(task, batch.Attempts[i]), CancellationToken.None);
                }
                else
                {
                    WorkerLog.Unresolvable(_logger, hash.ToString());
                    _space.Release();
                    await _dispatcher.Report(_options.WorkerName, [new TaskOutcome(hash, OutcomeKind.Failed, "No worker can resolve this task.", 0)]);
                }
            }

            if (batch.Finished || _commitFailed)
            {
                return;
            }
        }
    }

    /// <summary>
    /// With a prefetch horizon, grows or shrinks how many tasks may wait here to about the horizon's
    /// worth of work per slot. Shrinking takes back only permits not in use, so it may finish later.
    /// </summary>
    private void AdjustPrefetch()
    {
        if (_options.PrefetchHorizon is not { } horizon)
        {
            return;
        }

        var average = Volatile.Read(ref _averageTaskTicks);
        var ahead = average == 0
            ? 1
            : (int)Math.Clamp(horizon.TotalSeconds * System.Diagnostics.Stopwatch.Frequency / average, 1, _options.PrefetchPerSlot);
        var target = CapacityFor(ahead);
        if (target > _capacity)
        {
            _space.Release(target - _capacity);
            _capacity = target;
        }

        while (target < _capacity && _space.Wait(0, CancellationToken.None))
        {
            _capacity--;
        }
    }

    /// <summary>Tasks queued here at most when each slot may have <paramref name="ahead"/> waiting besides the one it runs.</summary>
    private int CapacityFor(int ahead) => _options.Slots * (ahead + 1);

    /// <summary>Tells the dispatcher this worker lives, so its leases survive tasks longer than the lease timeout.</summary>
    private async Task HeartbeatAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await _dispatcher.Renew(_options.WorkerName);
                }
#pragma warning disable CA1031 // A missed heartbeat is retried on the next tick; the lease timeout allows several.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    WorkerLog.HeartbeatFailed(_logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static bool IsUnreachable(Exception e) =>
        e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException;

    private int AttemptsOf(TaskNode task) => Math.Max(1, task.Options.Attempts ?? _options.DefaultAttempts);

    private sealed record WorkItem(TaskNode Task, int Attempt);

    /// <summary>What a slot hands the commit loop: a task it ran, or an outcome without running.</summary>
    private sealed record SlotResult(TaskRunResult? Ran, TaskOutcome? Outcome);
}
