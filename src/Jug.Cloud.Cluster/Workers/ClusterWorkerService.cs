using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Grains;
using Jug.Cloud.Packaging.Trust;
using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Runtime.Workers;
using Jug.Cloud.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Cluster.Workers;

/// <summary>
/// A silo's worker side: long-polls the cluster's run list and, for each active run (at its current
/// epoch), loads the run's code and runs a <see cref="WorkerPool"/> that pulls from the run's
/// dispatcher. All runs share the silo's slots.
/// </summary>
public sealed partial class ClusterWorkerService(
    IGrainFactory grains,
    ClusterStores stores,
    IRunCodeLoader loader,
    SiloWorkerOptions options,
    ILocalSiloDetails silo,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<ClusterWorkerService>();
    private readonly SemaphoreSlim _slots = new(options.Slots, options.Slots);
    private readonly Dictionary<string, RunWorker> _running = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ended = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _drain = new();
    private readonly CancellationTokenSource _drainRequested = new();

    /// <summary>Runs this silo is working on now (for tests and the web page).</summary>
    public int ActiveRuns
    {
        get
        {
            lock (_running)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>The silo's slots, shared by its runs.</summary>
    public int Slots => options.Slots;

    /// <summary>Slots running (or about to run) a task now.</summary>
    public int BusySlots => options.Slots - _slots.CurrentCount;

    /// <summary>The silo takes no more work (<see cref="DrainAsync"/> was called, or the host is stopping).</summary>
    public bool Draining => _drain.IsCancellationRequested;

    /// <summary>
    /// Cancelled when someone asked the cluster to drain this silo (the web page's or API's drain
    /// action): the silo has begun draining, and whoever hosts it should now stop it as SIGTERM would.
    /// </summary>
    public CancellationToken DrainRequested => _drainRequested.Token;

    /// <summary>
    /// Takes no more work: each run's pool hands back the tasks it fetched and has not started at
    /// once, and finishes and stores the running ones within the drain timeout (then hands those back
    /// too). Completes when every pool has ended; the silo stays in the cluster until its host stops.
    /// </summary>
    public async Task DrainAsync()
    {
        await _drain.CancelAsync();
        if (ExecuteTask is { } running)
        {
            await running;
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _slots.Dispose();
        _drain.Dispose();
        _drainRequested.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host stopping drains the silo as DrainAsync does: from here on only the drain token counts.
        using var drainOnStop = stoppingToken.Register(_drain.Cancel);
        await WorkUntilDrainedAsync(_drain.Token);
    }

    private async Task WorkUntilDrainedAsync(CancellationToken stoppingToken)
    {
        var registry = ClusterRegistry.Of(grains);
        await WithRetryAsync(() => registry.OfferDefaultJugdir(options.Jugdir), stoppingToken);
        var version = -1L;
        var self = silo.SiloAddress.ToParsableString();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                RunList list;
                try
                {
                    list = await registry.WatchRuns(version).WaitAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.RegistryUnavailable(_logger, e.Message);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                    continue;
                }

                version = list.Version;
                if (list.Draining.Contains(self, StringComparer.Ordinal))
                {
                    Log.DrainRequested(_logger, options.Name);
                    await _drain.CancelAsync();
                    await _drainRequested.CancelAsync();
                    break;
                }

                Reconcile(list.Runs);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        RunWorker[] workers;
        lock (_running)
        {
            workers = [.. _running.Values];
        }

        foreach (var worker in workers)
        {
            await worker.StopAsync();
        }

        await Task.WhenAll(workers.Select(w => w.Completion));
    }

    private void Reconcile(RunDescriptor[] runs)
    {
        var wanted = runs.ToDictionary(r => RunKey.For(r.RunId, r.Epoch), StringComparer.Ordinal);
        lock (_running)
        {
            foreach (var (key, worker) in _running.ToArray())
            {
                if (worker.Completion.IsCompleted)
                {
                    _running.Remove(key);
                    _ended.Add(key);
                }
                else if (!wanted.ContainsKey(key))
                {
                    _ = worker.StopAsync();
                }
            }

            _ended.IntersectWith(wanted.Keys);
            foreach (var (key, run) in wanted)
            {
                if (!_running.ContainsKey(key) && !_ended.Contains(key))
                {
                    _running[key] = RunWorker.Start(run, key, this);
                }
            }
        }
    }

    private WorkerPoolOptions PoolOptions(RunDescriptor run) => new()
    {
        Slots = options.Slots,
        SharedSlots = _slots,
        WorkerName = options.Name,
        // A task fetched here is one no other silo can start: fetch ahead only some milliseconds of
        // work (one task while durations are unknown or long, up to 64 of tasks that take microseconds).
        PrefetchPerSlot = 64,
        PrefetchHorizon = TimeSpan.FromMilliseconds(20),
        ResultCacheBytes = options.ResultCacheBytes,
        DefaultAttempts = run.Options.Attempts,
        DefaultTimeout = run.Options.TaskTimeout,
        DrainTimeout = options.DrainTimeout,
        Claims = run.Options.StoreClaims ? new ClaimSettings { TimeToLive = run.Options.ClaimTimeToLive, RunAloneWhenAlone = false } : null,
        Heartbeat = run.Options.LeaseTimeout / 4,
        ReportMissingInputs = true,
        Tags = options.Tags,
    };

    private async Task WithRetryAsync(Func<Task> action, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await action();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                Log.RegistryUnavailable(_logger, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    /// <summary>This silo's part in one epoch of one run, until the run ends or <paramref name="stop"/>.</summary>
    private async Task RunOneAsync(RunDescriptor run, string key, CancellationToken stop)
    {
        try
        {
            var store = stores.Open(run.Jugdir);
            await using var code = await loader.LoadAsync(run, store, stop);
            using var pool = new WorkerPool(grains, key, code, store, PoolOptions(run), loggers.CreateLogger<WorkerPool>());
            Log.Joined(_logger, run.RunId, run.Epoch, run.Name);
            var working = pool.RunAsync(stop);
            if (await Task.WhenAny(working, pool.StoreBecameUnwritable) != working)
            {
                // The store is full (or read-only): the tasks this silo holds cannot be stored here or,
                // since silos share the jugdir, anywhere else. Ending the run says so at once; waiting
                // would leave the run hanging on leases of tasks no one can store.
                var reason = $"Silo {options.Name} cannot store results: {StoreWriteErrors.Describe(pool.UnwritableStoreError)}";
                Log.CannotStore(_logger, run.RunId, run.Epoch, reason);
                await ReportCannotRunAsync(run, reason);
            }

            await working;
            Log.Left(_logger, run.RunId, run.Epoch, pool.Stored, pool.StoreReads);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (BundleRefusedException e)
        {
            Log.CodeRefused(_logger, run.RunId, run.Epoch, e.Message);
            await ReportCannotRunAsync(run, e.Message);
        }
#pragma warning disable CA1031 // One run this silo cannot load or run must not stop it serving others.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.RunFailed(_logger, run.RunId, run.Epoch, e);
        }
    }

    /// <summary>
    /// Tells the run this silo cannot run it (its code was refused, the store is full), so it fails with
    /// the reason instead of waiting for a silo that can.
    /// </summary>
    private async Task ReportCannotRunAsync(RunDescriptor run, string reason)
    {
        try
        {
            await grains.GetGrain<IRunGrain>(run.RunId).CannotRun(run.Epoch, reason);
        }
#pragma warning disable CA1031 // The run grain may be unreachable for a moment; another silo (or the next poll) reports it again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.RegistryUnavailable(_logger, e.Message);
        }
    }

    /// <summary>A running part and the switch that stops it fetching.</summary>
    private sealed class RunWorker
    {
        private readonly CancellationTokenSource _stop;

        private RunWorker(CancellationTokenSource stop, Task completion)
        {
            _stop = stop;
            Completion = completion;
        }

        public Task Completion { get; }

        public static RunWorker Start(RunDescriptor run, string key, ClusterWorkerService service)
        {
            var stop = new CancellationTokenSource();
            var completion = Task.Run(async () =>
            {
                try
                {
                    await service.RunOneAsync(run, key, stop.Token);
                }
                finally
                {
                    stop.Dispose();
                }
            });
            return new RunWorker(stop, completion);
        }

        public async Task StopAsync()
        {
            try
            {
                await _stop.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // It ended by itself meanwhile.
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "The cluster's run list is not reachable ({Reason}); trying again")]
        public static partial void RegistryUnavailable(ILogger logger, string reason);

        [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Joined run {RunId} epoch {Epoch} ({Name})")]
        public static partial void Joined(ILogger logger, string runId, int epoch, string name);

        [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Left run {RunId} epoch {Epoch}: {Stored} tasks stored here, {Reads} inputs read from the store")]
        public static partial void Left(ILogger logger, string runId, int epoch, int stored, int reads);

        [LoggerMessage(EventId = 3104, Level = LogLevel.Error, Message = "Run {RunId} epoch {Epoch} cannot run on this silo")]
        public static partial void RunFailed(ILogger logger, string runId, int epoch, Exception exception);

        [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "Silo {Name} was asked to drain through the status page or API: draining and leaving the cluster")]
        public static partial void DrainRequested(ILogger logger, string name);

        [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Run {RunId} epoch {Epoch} not loaded: {Reason}")]
        public static partial void CodeRefused(ILogger logger, string runId, int epoch, string reason);

        [LoggerMessage(EventId = 3107, Level = LogLevel.Error, Message = "Run {RunId} epoch {Epoch} ends: {Reason}")]
        public static partial void CannotStore(ILogger logger, string runId, int epoch, string reason);
    }
}
