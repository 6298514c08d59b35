using Jug.Cloud.Bench.Stores;
using Jug.Cloud.Client;
using Jug.Cloud.Graph;

namespace Jug.Cloud.Bench.Scenarios;

/// <summary>Running graphs outside the measured regions: warm-ups and the finished graphs later scenarios read.</summary>
internal static class EngineRuns
{
    /// <summary>Runs <paramref name="graph"/> to completion on <paramref name="store"/>.</summary>
    public static async Task FinishAsync(TaskGraph graph, BenchStore store, BenchContext context, CancellationToken cancellationToken)
    {
        var summary = await JugEngine.ExecuteAsync(graph, store.Store, context.Execute, cancellationToken: cancellationToken);
        CheckAllRan(summary, graph.Count, "preparation");
    }

    /// <summary>Fails the scenario unless every one of <paramref name="tasks"/> ran and was stored.</summary>
    public static void CheckAllRan(ExecutionSummary summary, int tasks, string scenario)
    {
        if (!summary.Succeeded || summary.Executed != tasks)
        {
            var failure = summary.Failures.Count > 0 ? $": {summary.Failures[0].ExceptionType}: {summary.Failures[0].Message}" : "";
            throw new InvalidOperationException(
                $"{scenario}: {summary.Executed} of {tasks} tasks ran ({summary.Failures.Count} failed, {summary.NotRun} not run){failure}.");
        }
    }
}
