using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>
/// Runs a graph on an Orleans silo inside this process (Jug.Cloud's embedded mode): tasks whose
/// results are stored are reused; the rest run on dedicated worker slots as their inputs become ready.
/// </summary>
public static class JugEngine
{
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
        ArgumentNullException.ThrowIfNull(options);
        await using var session = new EngineSession(store, options);
        return await session.RunAsync(graph, ScopeOf(graph, options), progress, cancellationToken);
    }

    /// <summary>The tasks a run covers: all of them, or <see cref="ExecuteOptions.Target"/> and what it needs.</summary>
    public static IReadOnlyList<TaskNode> ScopeOf(TaskGraph graph, ExecuteOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        return options.Target is null ? graph.Tasks : TargetScope.Of(graph, options.Target);
    }
}
