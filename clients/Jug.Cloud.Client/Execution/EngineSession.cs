using System.Diagnostics;
using Jug.Cloud.Graph;
using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Runtime.Hosting;
using Jug.Cloud.Runtime.Submission;
using Jug.Cloud.Runtime.Workers;
using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Client;

/// <summary>
/// An embedded engine kept across several runs on one store: what <c>execute</c> uses when a jugfile
/// has barriers, so the silo starts once (on the first run that has work) rather than per barrier.
/// </summary>
public sealed class EngineSession : IAsyncDisposable
{
    private const int ShardCount = global::Jug.Cloud.Runtime.RuntimeLimits.ShardCount;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly IJugStore _store;
    private readonly ExecuteOptions _options;
    private EmbeddedSilo? _silo;

    /// <summary>Creates a session; nothing starts until a run has work.</summary>
    public EngineSession(IJugStore store, ExecuteOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options;
    }

    /// <summary>The store results go to.</summary>
    public IJugStore Store => _store;

    /// <summary>
    /// Runs every task of <paramref name="scope"/> (tasks of <paramref name="graph"/>) whose result is
    /// not stored. Cancelling stops handing out tasks; running tasks finish and are stored.
    /// </summary>
    public async Task<ExecutionSummary> RunAsync(
        TaskGraph graph,
        IReadOnlyList<TaskNode> scope,
        IProgress<ExecutionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(scope);
        var clock = Stopwatch.StartNew();
        var (_, toRun) = await StoredTasks.SplitAsync(_store, scope, cancellationToken);
        var alreadyDone = scope.Count - toRun.Count;
        if (toRun.Count == 0)
        {
            return new ExecutionSummary(scope.Count, alreadyDone, 0, [], 0, clock.Elapsed);
        }

        if (StopFileExists())
        {
            return new ExecutionSummary(scope.Count, alreadyDone, 0, [], toRun.Count, clock.Elapsed) { StopReason = StopReason.StopFile };
        }

        _silo ??= await EmbeddedSilo.StartAsync(_options.LogLevel, cancellationToken);
        var runId = Guid.NewGuid().ToString("n");
        var dispatcher = _silo.Grains.GetGrain<IRunDispatcherGrain>(runId);
        var claims = _options.Claims ?? _store.IsShared;
        using var pool = new WorkerPool(
            _silo.Grains,
            runId,
            new GraphTaskResolver(graph),
            _store,
            _options.ToPoolOptions(claims),
            _silo.LoggerFactory.CreateLogger<WorkerPool>());

        var running = pool.RunAsync(CancellationToken.None);
        await RunSubmitter.SubmitAsync(_silo.Grains, runId, toRun, new RunSettings(ShardCount, _options.KeepGoing, _options.RetryDelay, Shuffle: claims));
        var reason = StopReason.None;
        while (!running.IsCompleted)
        {
            if (reason == StopReason.None && (cancellationToken.IsCancellationRequested || StopFileExists()))
            {
                reason = cancellationToken.IsCancellationRequested ? StopReason.Cancelled : StopReason.StopFile;
                pool.Stop();
                await dispatcher.Stop();
            }

            Report(progress, scope.Count, alreadyDone, await dispatcher.GetProgress(), pool.Executing, clock.Elapsed);
            await Task.WhenAny(running, Task.Delay(ProgressInterval, CancellationToken.None));
        }

        await running;
        var final = await dispatcher.GetProgress();
        Report(progress, scope.Count, alreadyDone, final, 0, clock.Elapsed);
        var failures = pool.Failures.OrderBy(f => f.Time).ToArray();
        var doneElsewhere = final.Completed - pool.Stored;
        var failedElsewhere = final.Failed - failures.Length;
        var notRun = toRun.Count - final.Completed - final.Failed;
        if (reason == StopReason.None && pool.GaveUpWaiting)
        {
            reason = StopReason.GaveUpWaiting;
        }

        return new ExecutionSummary(scope.Count, alreadyDone, pool.Stored, failures, notRun, clock.Elapsed)
        {
            DoneElsewhere = doneElsewhere,
            FailedElsewhere = failedElsewhere,
            StopReason = reason,
        };
    }

    /// <summary>Stops the silo, if one was started.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
            _silo = null;
        }
    }

    private bool StopFileExists() => _options.StopFile is { } path && File.Exists(path);

    private static void Report(IProgress<ExecutionProgress>? progress, int total, int alreadyDone, RunProgress run, int executing, TimeSpan elapsed) =>
        progress?.Report(new ExecutionProgress(total, alreadyDone, run.Completed, executing, run.Failed, elapsed));
}
