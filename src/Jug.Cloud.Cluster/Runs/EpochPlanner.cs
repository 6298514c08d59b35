using System.Runtime.InteropServices;
using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Runtime.Submission;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Cluster.Runs;

/// <summary>What one epoch of a run submits, and what the store already holds.</summary>
/// <param name="ToRun">The package's tasks whose results are not stored, in declaration order.</param>
/// <param name="Done">How many of the package's tasks are stored.</param>
/// <param name="DoneByName">Those stored tasks per task name.</param>
internal sealed record EpochPlan(List<PlannedTask> ToRun, int Done, Dictionary<string, int> DoneByName);

/// <summary>
/// Plans an epoch of a run: reads the package outline and leaves out the tasks whose results are
/// stored. The store is the truth, so a run submitted again after a lost epoch plans the same way as its first.
/// </summary>
internal sealed class EpochPlanner(IRunPlanReader plans)
{
    /// <summary>The epoch's plan for the package <paramref name="packageId"/> in <paramref name="store"/>.</summary>
    public async Task<EpochPlan> PlanAsync(IJugStore store, string packageId, CancellationToken cancellationToken = default)
    {
        var plan = await plans.ReadAsync(store, packageId, cancellationToken);
        var (stored, missing) = await StoredTasks.SplitAsync(store, plan, static t => t.Hash, cancellationToken);
        var doneByName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var task in stored)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(doneByName, task.Name, out _)++;
        }

        return new EpochPlan(missing, stored.Count, doneByName);
    }
}
