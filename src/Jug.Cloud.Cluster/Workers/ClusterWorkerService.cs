using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Grains;
using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Runtime.Workers;
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
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<ClusterWorkerService>();
    private readonly SemaphoreSlim _slots = new(options.Slots, options.Slots);
    private readonly Dictionary<string, RunWorker> _running = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ended = new(StringComparer.Ordinal);

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

    /// <inheritdoc />
    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var registry = ClusterRegistry.Of(grains);
        await WithRetryAsync(() => registry.OfferDefaultJugdir(options.Jugdir), stoppingToken);
        var version = -1L;
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
            await pool.RunAsync(stop);
            Log.Left(_logger, run.RunId, run.Epoch, pool.Stored, pool.StoreReads);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // One run this silo cannot load or run must not stop it serving others.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.RunFailed(_logger, run.RunId, run.Epoch, e);
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
    }
}
