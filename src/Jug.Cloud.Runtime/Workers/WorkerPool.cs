using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>
/// A silo's worker slots for one run. A fetcher long-polls the run's dispatcher for batches of ready
/// tasks (<see cref="TaskFetcher"/>, sized by <see cref="PrefetchController"/>); dedicated threads run
/// them (<see cref="SlotRunner"/>: user code never runs on Orleans' scheduler threads); a commit
/// pipeline stores results in groups, appends the run log and reports outcomes in batches
/// (<see cref="CommitPipeline"/>). With <see cref="WorkerPoolOptions.Claims"/>, each task is claimed in
/// the store before it runs. The pool owns these parts and the run alone or shared on the store; on a
/// shared store it keeps a status record saying what it runs (<see cref="WorkerStatusPublisher"/>).
/// </summary>
public sealed class WorkerPool : IDisposable
{
    private readonly IJugStore _store;
    private readonly WorkerPoolOptions _options;
    private readonly ILogger _logger;
    private readonly string _runId;
    private readonly TaskRunner _runner;
    private readonly ClaimKeeper? _claims;
    private readonly HeldTaskWatcher? _watcher;
    private readonly PoolStopSignal _stop = new();
    private readonly PrefetchController _prefetch;
    private readonly SlotRunner _slots;
    private readonly CommitPipeline _commit;
    private readonly TaskFetcher _fetcher;
    private readonly DispatcherHeartbeat _heartbeat;
    private readonly WorkerStatusPublisher? _status;
    private readonly IRunDispatcherGrain _dispatcher;
    private JugdirLease? _lease;
    private volatile bool _abandoned;

    /// <summary>With a store in memory, only results at least this large are worth a decoded copy.</summary>
    private const long InMemoryStoreCacheMinimum = 64 * 1024;

    /// <summary>Creates a pool for run <paramref name="runId"/>.</summary>
    public WorkerPool(IGrainFactory grains, string runId, ITaskResolver resolver, IJugStore store, WorkerPoolOptions options, ILogger logger)
    {
        var dispatcher = grains.GetGrain<IRunDispatcherGrain>(runId);
        _dispatcher = dispatcher;
        _runId = runId;
        _store = store;
        _options = options;
        _logger = logger;
        // One run's pool on one worker: several pools of one silo (one per run) never share a name.
        var name = $"{options.WorkerName}/{runId[..Math.Min(8, runId.Length)]}";
        var cache = new ResultCache(options.ResultCacheBytes) { MinimumBytes = store.HoldsResultsInMemory ? InMemoryStoreCacheMinimum : 0 };
        _runner = new TaskRunner(store, cache) { CheckArguments = options.CheckArguments };
        if (options.Claims is { } claims)
        {
            _claims = new ClaimKeeper(store, claims, name, logger);
            _watcher = new HeldTaskWatcher(dispatcher, dispatcher, store, claims, options.WorkerName, logger);
        }

        _prefetch = new PrefetchController(options.Slots, options.PrefetchPerSlot, options.PrefetchHorizon, options.MaxBatch);
        _commit = new CommitPipeline(dispatcher, store, cache, _claims, _stop, options, logger);
        _slots = new SlotRunner(_runner, store, _claims, _prefetch, _commit.Input, _stop, options, logger);
        _fetcher = new TaskFetcher(dispatcher, resolver, _prefetch, _slots, _stop, options, logger);
        _heartbeat = new DispatcherHeartbeat(dispatcher, options.WorkerName, logger);
        if (store.IsShared)
        {
            _status = new WorkerStatusPublisher(store, name, _slots, _runner, _commit, options, logger);
        }
    }

    /// <summary>Tasks running on this pool's slots now (not counting those fetched and waiting for a slot).</summary>
    public int Executing => _slots.Executing;

    /// <summary>Results of other tasks this pool read from the store (not from its cache).</summary>
    public int StoreReads => _runner.StoreReads;

    /// <summary>Tasks this pool ran and stored.</summary>
    public int Stored => _commit.Stored;

    /// <summary>The tasks that failed for good in this pool, with their last failure.</summary>
    public IReadOnlyCollection<FailureRecord> Failures => _commit.Failures;

    /// <summary>The write error that left the store unwritable and stopped this pool (a full disk, say); null if none did.</summary>
    public Exception? UnwritableStoreError => _commit.UnwritableStoreError;

    /// <summary>
    /// Completes when a write error leaves the store unwritable (<see cref="UnwritableStoreError"/>). The
    /// pool then starts nothing more, but in a cluster it still waits for the run to end: whoever hosts
    /// it must tell the run, or the tasks it held wait for a lease that no one will ever store.
    /// </summary>
    public Task StoreBecameUnwritable => _commit.BecameUnwritable;

    /// <summary>True if the pool stopped waiting for tasks other processes hold (<see cref="ClaimSettings.WaitCycles"/>).</summary>
    public bool GaveUpWaiting => _watcher?.GaveUp ?? false;

    /// <summary>Starts no task it has not started yet; running tasks finish and are stored.</summary>
    public void Stop() => _stop.Stop();

    /// <summary>
    /// Runs until the dispatcher says the run is over, or until <paramref name="stopFetching"/> is
    /// cancelled: then the pool drains: tasks fetched but not started are handed back at once, and
    /// running ones finish and are stored before this returns (within
    /// <see cref="WorkerPoolOptions.DrainTimeout"/>, past which they are handed back too).
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
                _stop.Stop();
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
        var threads = _slots.Start();
        var commit = Task.Run(() => _commit.RunAsync(CancellationToken.None), CancellationToken.None);
        var keepAlive = _claims?.KeepAliveAsync(background.Token) ?? Task.CompletedTask;
        var watch = _watcher?.RunAsync(background.Token) ?? Task.CompletedTask;
        var heartbeat = _options.Heartbeat is { } interval ? _heartbeat.RunAsync(interval, background.Token) : Task.CompletedTask;
        var status = _status?.RunAsync(background.Token) ?? Task.CompletedTask;
        try
        {
            await FetchUntilStoppedAsync(stopFetching);
        }
        catch (OperationCanceledException) when (stopFetching.IsCancellationRequested)
        {
            _stop.Drain();
        }
        finally
        {
            _slots.CompleteAdding();
            await FinishRunningAsync(threads, stopFetching.IsCancellationRequested ? _options.DrainTimeout : null);
            _commit.Input.TryComplete();
            await commit;
            await background.CancelAsync();
            await Task.WhenAll(keepAlive, watch, heartbeat, status);
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

    /// <summary>
    /// Fetches until the run is over or <paramref name="stopFetching"/> is cancelled; then drains at
    /// once, without waiting for the fetcher's long poll: tasks queued for the slots go back to the
    /// dispatcher, and so does whatever that poll still brings (<see cref="TaskFetcher"/>).
    /// </summary>
    private async Task FetchUntilStoppedAsync(CancellationToken stopFetching)
    {
        var fetching = _fetcher.RunAsync(stopFetching);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (stopFetching.Register(() => stopped.TrySetResult()))
        {
            // The token decides, not which task ended first: the fetcher's own wait registers on the
            // token after this does, so its cancellation runs first and can end the fetcher (inline)
            // before this callback; taken as the run being over, that left the fetched tasks unreleased.
            if (await Task.WhenAny(fetching, stopped.Task) == fetching && !stopFetching.IsCancellationRequested)
            {
                await fetching;
                return;
            }
        }

        _stop.Drain();
        var unstarted = _slots.TakeUnstarted();
        WorkerLog.Draining(_logger, _options.WorkerName, _runId, unstarted.Length);
        await ReleaseAsync(unstarted);
        await fetching;
    }

    /// <summary>
    /// Waits for the slots to finish what they run; past <paramref name="timeout"/> (if any), hands
    /// those tasks back too and leaves their threads behind.
    /// </summary>
    private async Task FinishRunningAsync(Thread[] threads, TimeSpan? timeout)
    {
        var joined = Task.Run(() => Array.ForEach(threads, t => t.Join()), CancellationToken.None);
        if (timeout is not { } limit)
        {
            await joined;
            return;
        }

        using var expiry = new CancellationTokenSource();
        if (await Task.WhenAny(joined, Task.Delay(limit, expiry.Token)) == joined)
        {
            await expiry.CancelAsync();
            return;
        }

        // The abandoned threads may still touch the queue and the prefetch room: they stay undisposed.
        _abandoned = true;
        var running = _slots.RunningTasks();
        WorkerLog.DrainTimedOut(_logger, _options.WorkerName, _runId, limit, running.Length);
        await ReleaseAsync(running);
    }

    private async Task ReleaseAsync(TaskHash[] tasks)
    {
        if (tasks.Length == 0)
        {
            return;
        }

        try
        {
            await _dispatcher.Release(_options.WorkerName, tasks);
        }
#pragma warning disable CA1031 // Handing back is a courtesy: the dispatcher's lease timeout covers a failed call.
        catch (Exception e)
#pragma warning restore CA1031
        {
            WorkerLog.ReleaseFailed(_logger, tasks.Length, e.Message);
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
        if (!_abandoned)
        {
            _slots.Dispose();
            _prefetch.Dispose();
        }
    }
}
