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
    private Task<EmbeddedSilo>? _silo;

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
    /// <remarks>
    /// A result found missing or corrupt when a task reads it as an input (it was stored when the run
    /// was planned) is not that task's failure: the run ends once everything else is done, and the
    /// scope is checked against the store and submitted again, so the lost result's producer (and
    /// anything between) runs and then the task that needed it, within this call. At most
    /// <see cref="MaxRounds"/> rounds: a store that keeps losing results ends the call with those tasks
    /// not run.
    /// </remarks>
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
        if (toRun.Count == 0)
        {
            return new ExecutionSummary(scope.Count, scope.Count, 0, [], 0, clock.Elapsed);
        }

        if (StopFileExists())
        {
            return new ExecutionSummary(scope.Count, scope.Count - toRun.Count, 0, [], toRun.Count, clock.Elapsed) { StopReason = StopReason.StopFile };
        }

        var silo = await (_silo ??= EmbeddedSilo.StartAsync(_options.LogLevel, cancellationToken));
        var stored = 0;
        var doneElsewhere = 0;
        var failedElsewhere = 0;
        var failures = new List<FailureRecord>();
        var notDoneBefore = toRun.Count;
        var blocked = 0;
        for (var round = 1; ; round++)
        {
            var ended = await RunRoundAsync(silo, graph, toRun, scope.Count, progress, clock, cancellationToken);
            stored += ended.Stored;
            doneElsewhere += ended.DoneElsewhere;
            failedElsewhere += ended.FailedElsewhere;
            failures.AddRange(ended.Failures);
            var stopsAtFailure = failures.Count > 0 && !_options.KeepGoing;
            if (ended.InputsMissing == 0 || ended.Reason != StopReason.None || round == MaxRounds || stopsAtFailure)
            {
                return new ExecutionSummary(scope.Count, scope.Count - notDoneBefore, stored, [.. failures.OrderBy(f => f.Time)], ended.NotRun + blocked, clock.Elapsed)
                {
                    DoneElsewhere = doneElsewhere,
                    FailedElsewhere = failedElsewhere,
                    StopReason = ended.Reason,
                };
            }

            (_, toRun) = await StoredTasks.SplitAsync(_store, scope, cancellationToken);
            (toRun, blocked) = WithoutFailed(toRun, failures);
        }
    }

    /// <summary>
    /// <paramref name="toRun"/> without the tasks that failed in an earlier round of this call and
    /// those that depend on them: a task runs at most its attempts per call, however many rounds lost
    /// inputs cause. Blocked: the dependents left out, which stay not run as they were.
    /// </summary>
    private static (List<TaskNode> ToRun, int Blocked) WithoutFailed(List<TaskNode> toRun, List<FailureRecord> failures)
    {
        if (failures.Count == 0)
        {
            return (toRun, 0);
        }

        var dependents = new Dictionary<TaskHash, List<TaskNode>>();
        foreach (var task in toRun)
        {
            foreach (var dependency in task.Dependencies)
            {
                if (!dependents.TryGetValue(dependency.Hash, out var list))
                {
                    dependents[dependency.Hash] = list = [];
                }

                list.Add(task);
            }
        }

        // Walked by a queue, not recursion: a chain of tasks may be longer than a stack is deep.
        var failed = failures.Select(f => f.Key).ToHashSet();
        var left = new HashSet<TaskHash>(failed);
        var queue = new Queue<TaskHash>(failed);
        while (queue.TryDequeue(out var hash))
        {
            foreach (var dependent in dependents.GetValueOrDefault(hash) ?? [])
            {
                if (left.Add(dependent.Hash))
                {
                    queue.Enqueue(dependent.Hash);
                }
            }
        }

        var runnable = toRun.Where(t => !left.Contains(t.Hash)).ToList();
        return (runnable, toRun.Count(t => left.Contains(t.Hash) && !failed.Contains(t.Hash)));
    }

    /// <summary>Rounds of one <see cref="RunAsync"/> call (the first, and one per time inputs were found lost).</summary>
    public const int MaxRounds = 10;

    /// <summary>One run of the dispatcher and a worker pool over <paramref name="toRun"/>.</summary>
    private async Task<RoundEnd> RunRoundAsync(
        EmbeddedSilo silo,
        TaskGraph graph,
        List<TaskNode> toRun,
        int total,
        IProgress<ExecutionProgress>? progress,
        Stopwatch clock,
        CancellationToken cancellationToken)
    {
        var alreadyDone = total - toRun.Count;
        var runId = Guid.NewGuid().ToString("n");
        var dispatcher = silo.Grains.GetGrain<IRunDispatcherGrain>(runId);
        var claims = _options.Claims ?? _store.IsShared;
        using var pool = new WorkerPool(
            silo.Grains,
            runId,
            new GraphTaskResolver(graph),
            _store,
            _options.ToPoolOptions(claims),
            silo.LoggerFactory.CreateLogger<WorkerPool>());

        var running = pool.RunAsync(CancellationToken.None);
        await RunSubmitter.SubmitAsync(silo.Grains, runId, toRun, new RunSettings(ShardCount, _options.KeepGoing, _options.RetryDelay, Shuffle: claims));
        var reason = StopReason.None;
        var stoppedUnwritable = false;
        while (!running.IsCompleted)
        {
            if (!stoppedUnwritable && pool.UnwritableStoreError is not null)
            {
                // The store takes no more results: what runs now cannot be kept, so stop the run at once.
                stoppedUnwritable = true;
                pool.Stop();
                await dispatcher.Stop();
            }

            if (reason == StopReason.None && (cancellationToken.IsCancellationRequested || StopFileExists()))
            {
                reason = cancellationToken.IsCancellationRequested ? StopReason.Cancelled : StopReason.StopFile;
                pool.Stop();
                await dispatcher.Stop();
            }

            Report(progress, total, alreadyDone, await dispatcher.GetProgress(), pool.Executing, clock.Elapsed);
            await Task.WhenAny(running, Task.Delay(ProgressInterval, CancellationToken.None));
        }

        await running;
        if (pool.UnwritableStoreError is { } unwritable)
        {
            // Results stored before stay; the caller says in one line why nothing more could be.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(unwritable);
        }

        var final = await dispatcher.GetProgress();
        Report(progress, total, alreadyDone, final, 0, clock.Elapsed);
        var failures = pool.Failures.ToArray();
        if (reason == StopReason.None && pool.GaveUpWaiting)
        {
            reason = StopReason.GaveUpWaiting;
        }

        return new RoundEnd(
            pool.Stored,
            final.Completed - pool.Stored,
            final.Failed - failures.Length,
            failures,
            toRun.Count - final.Completed - final.Failed,
            final.InputsMissing,
            reason);
    }

    /// <summary>
    /// Starts the embedded silo now, in the background, before any run asks for it: for a caller that
    /// expects work and has something else to do meanwhile (compiling an edited jugfile). A silo that
    /// then finds no work is stopped with the session.
    /// </summary>
    public void StartEarly() => _silo ??= EmbeddedSilo.StartAsync(_options.LogLevel, CancellationToken.None);

    /// <summary>Stops the silo, if one was started (a start that failed was reported by the run that needed it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_silo is { } starting)
        {
            _silo = null;
            await ((Task)starting).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (starting.IsCompletedSuccessfully)
            {
                await (await starting).DisposeAsync();
            }
        }
    }

    private bool StopFileExists() => _options.StopFile is { } path && File.Exists(path);

    private static void Report(IProgress<ExecutionProgress>? progress, int total, int alreadyDone, RunProgress run, int executing, TimeSpan elapsed) =>
        progress?.Report(new ExecutionProgress(total, alreadyDone, run.Completed, executing, run.Failed, elapsed));

    private sealed record RoundEnd(int Stored, int DoneElsewhere, int FailedElsewhere, FailureRecord[] Failures, int NotRun, int InputsMissing, StopReason Reason);
}
