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
/// Runs a graph on an Orleans silo inside this process (Jug.Cloud's embedded mode): tasks whose
/// results are stored are reused; the rest run on dedicated worker slots as their inputs become ready.
/// </summary>
public static class JugEngine
{
    private const int ShardCount = 8;
    private const int ExistsBatch = 4096;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Runs every task of <paramref name="graph"/> (or of <see cref="ExecuteOptions.Target"/> and what it
    /// needs) whose result is not in <paramref name="store"/>. Cancelling stops handing out tasks;
    /// running tasks finish and are stored.
    /// </summary>
    public static async Task<ExecutionSummary> ExecuteAsync(
        TaskGraph graph,
        IJugStore store,
        ExecuteOptions options,
        IProgress<ExecutionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var scope = options.Target is null ? graph.Tasks : TargetScope.Of(graph, options.Target);
        var toRun = await NotDoneAsync(store, scope, cancellationToken);
        var alreadyDone = scope.Count - toRun.Count;
        if (toRun.Count == 0)
        {
            return new ExecutionSummary(scope.Count, alreadyDone, 0, [], 0, clock.Elapsed);
        }

        await using var silo = await EmbeddedSilo.StartAsync(options.LogLevel, cancellationToken);
        var runId = Guid.NewGuid().ToString("n");
        var dispatcher = silo.Grains.GetGrain<IRunDispatcherGrain>(runId);
        var poolOptions = new WorkerPoolOptions { Slots = Math.Max(1, options.Jobs), WorkerName = options.WorkerName };
        using var pool = new WorkerPool(
            silo.Grains,
            runId,
            new GraphTaskResolver(graph),
            store,
            poolOptions,
            silo.LoggerFactory.CreateLogger<WorkerPool>());

        var running = pool.RunAsync(CancellationToken.None);
        await RunSubmitter.SubmitAsync(silo.Grains, runId, toRun, new RunSettings(ShardCount, options.KeepGoing));
        await using (cancellationToken.Register(() => _ = dispatcher.Stop()))
        {
            while (!running.IsCompleted)
            {
                Report(progress, scope.Count, alreadyDone, await dispatcher.GetProgress(), pool.Executing, clock.Elapsed);
                await Task.WhenAny(running, Task.Delay(ProgressInterval, CancellationToken.None));
            }

            await running;
        }

        var final = await dispatcher.GetProgress();
        Report(progress, scope.Count, alreadyDone, final, 0, clock.Elapsed);
        var failures = pool.Failures.OrderBy(f => f.Time).ToArray();
        var notRun = toRun.Count - final.Completed - failures.Length;
        return new ExecutionSummary(scope.Count, alreadyDone, final.Completed, failures, notRun, clock.Elapsed);
    }

    private static void Report(IProgress<ExecutionProgress>? progress, int total, int alreadyDone, RunProgress run, int executing, TimeSpan elapsed) =>
        progress?.Report(new ExecutionProgress(total, alreadyDone, run.Completed, executing, run.Failed, elapsed));

    private static async Task<List<TaskNode>> NotDoneAsync(IResultStore store, IReadOnlyList<TaskNode> scope, CancellationToken cancellationToken)
    {
        var notDone = new List<TaskNode>();
        foreach (var chunk in scope.Chunk(ExistsBatch))
        {
            var exists = await store.ExistsAsync(chunk.Select(t => t.Hash).ToArray(), cancellationToken);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (!exists[i])
                {
                    notDone.Add(chunk[i]);
                }
            }
        }

        return notDone;
    }
}
