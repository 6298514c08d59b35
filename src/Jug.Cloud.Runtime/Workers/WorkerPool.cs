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
/// a commit loop stores results in groups and reports outcomes in batches.
/// </summary>
public sealed class WorkerPool : IDisposable
{
    private readonly IRunDispatcherGrain _dispatcher;
    private readonly ITaskResolver _resolver;
    private readonly IJugStore _store;
    private readonly WorkerPoolOptions _options;
    private readonly ILogger _logger;
    private readonly TaskRunner _runner;
    private readonly ResultCache _cache;
    private readonly BlockingCollection<TaskNode> _ready = [];
    private readonly Channel<CompletedTask> _completed = Channel.CreateUnbounded<CompletedTask>(new() { SingleReader = true });
    private readonly SemaphoreSlim _space;
    private readonly ConcurrentBag<FailureRecord> _failures = [];
    private readonly string _runId;
    private int _executing;

    /// <summary>Creates a pool for run <paramref name="runId"/>.</summary>
    public WorkerPool(IGrainFactory grains, string runId, ITaskResolver resolver, IJugStore store, WorkerPoolOptions options, ILogger logger)
    {
        _dispatcher = grains.GetGrain<IRunDispatcherGrain>(runId);
        _runId = runId;
        _resolver = resolver;
        _store = store;
        _options = options;
        _logger = logger;
        _cache = new ResultCache(options.ResultCacheBytes);
        _runner = new TaskRunner(store, _cache);
        _space = new SemaphoreSlim(options.Slots * (options.PrefetchPerSlot + 1));
    }

    /// <summary>Tasks running on this pool's slots now (not counting those fetched and waiting for a slot).</summary>
    public int Executing => Volatile.Read(ref _executing);

    /// <summary>The failures this pool recorded.</summary>
    public IReadOnlyCollection<FailureRecord> Failures => _failures;

    /// <summary>Runs until the dispatcher says the run is over.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        WorkerLog.PoolStarted(_logger, _options.WorkerName, _options.Slots, _runId);
        var threads = Enumerable.Range(0, _options.Slots).Select(StartSlot).ToArray();
        var commit = Task.Run(() => CommitLoopAsync(cancellationToken), cancellationToken);
        try
        {
            await FetchLoopAsync(cancellationToken);
        }
        finally
        {
            _ready.CompleteAdding();
            await Task.Run(() => Array.ForEach(threads, t => t.Join()), CancellationToken.None);
            _completed.Writer.TryComplete();
            await commit;
        }
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
        foreach (var task in _ready.GetConsumingEnumerable())
        {
            _space.Release();
            Interlocked.Increment(ref _executing);
            var completed = _runner.Run(task);
            Interlocked.Decrement(ref _executing);
            _completed.Writer.TryWrite(completed);
        }
    }

    private async Task FetchLoopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _space.WaitAsync(cancellationToken);
            var granted = 1;
            while (granted < _options.MaxBatch && _space.Wait(0, CancellationToken.None))
            {
                granted++;
            }

            var batch = await _dispatcher.Take(_options.WorkerName, granted);
            if (granted > batch.Tasks.Length)
            {
                _space.Release(granted - batch.Tasks.Length);
            }

            foreach (var hash in batch.Tasks)
            {
                if (_resolver.Resolve(hash) is { } task)
                {
                    _ready.Add(task, CancellationToken.None);
                }
                else
                {
                    WorkerLog.Unresolvable(_logger, hash.ToString());
                    _space.Release();
                    await _dispatcher.Report(_options.WorkerName, [new TaskOutcome(hash, false, "No worker can resolve this task.", 0)]);
                }
            }

            if (batch.Finished)
            {
                return;
            }
        }
    }

    private async Task CommitLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _completed.Reader;
        var batch = new List<CompletedTask>(_options.MaxCommitBatch);
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < _options.MaxCommitBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            await CommitAsync(batch, cancellationToken);
        }
    }

    private async Task CommitAsync(List<CompletedTask> batch, CancellationToken cancellationToken)
    {
        var outcomes = new TaskOutcome[batch.Count];
        var results = new List<KeyValuePair<TaskHash, ReadOnlyMemory<byte>>>(batch.Count);
        foreach (var item in batch)
        {
            if (item.Encoded is { } encoded)
            {
                results.Add(new(item.Task.Hash, encoded));
            }
        }

        Exception? storeError = null;
        try
        {
            if (results.Count > 0)
            {
                await _store.PutManyAsync(results, cancellationToken);
            }
        }
#pragma warning disable CA1031 // A store that cannot take the results fails these tasks; the run goes on reporting.
        catch (Exception e)
#pragma warning restore CA1031
        {
            WorkerLog.CommitFailed(_logger, results.Count, e);
            storeError = e;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i];
            var error = item.Error ?? (item.Encoded is not null ? storeError : null);
            if (error is null)
            {
                _cache.Add(item.Task.Hash, item.Value);
                outcomes[i] = new TaskOutcome(item.Task.Hash, true, null, item.Duration.TotalSeconds);
            }
            else
            {
                outcomes[i] = await RecordFailureAsync(item, error, cancellationToken);
            }
        }

        await _dispatcher.Report(_options.WorkerName, outcomes);
    }

    private async Task<TaskOutcome> RecordFailureAsync(CompletedTask item, Exception error, CancellationToken cancellationToken)
    {
        if (error is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            error = aggregate.InnerExceptions[0];
        }

        var record = new FailureRecord(
            item.Task.Hash,
            item.Task.Name,
            error.GetType().FullName ?? error.GetType().Name,
            error.Message,
            error.ToString(),
            1,
            _options.WorkerName,
            DateTimeOffset.UtcNow);
        _failures.Add(record);
        WorkerLog.TaskFailed(_logger, item.Task.Name, item.Task.Hash.ToShortString(), error.Message);
        try
        {
            await _store.PutFailureAsync(record, cancellationToken);
        }
#pragma warning disable CA1031 // The failure is still reported to the run even if its record cannot be stored.
        catch (Exception e)
#pragma warning restore CA1031
        {
            WorkerLog.CommitFailed(_logger, 1, e);
        }

        return new TaskOutcome(item.Task.Hash, false, $"{record.ExceptionType}: {record.Message}", item.Duration.TotalSeconds);
    }
}
