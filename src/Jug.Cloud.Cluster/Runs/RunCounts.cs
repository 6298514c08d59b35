using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Grains;
using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains;

namespace Jug.Cloud.Cluster.Runs;

/// <summary>
/// A run's counters as callers see them: its <see cref="RunInfo"/> from the current epoch's progress
/// and the epochs before it, and its counts by task name from the epoch's shards and the tasks stored
/// before it. One place, so that anything reporting on runs counts the way status does.
/// </summary>
internal sealed class RunCounts
{
    /// <summary>The most tasks reported done so far: between epochs the new count is not known yet.</summary>
    public int CompletedSeen { get; private set; }

    /// <summary>
    /// The run as it stands, <paramref name="progress"/> being its current epoch's (null if not known).
    /// While the run is active its completed count never goes back: results a lost epoch stored are only
    /// counted again once the next epoch has looked.
    /// </summary>
    public RunInfo Describe(RunGrainState state, RunDescriptor run, RunProgress? progress)
    {
        ArgumentNullException.ThrowIfNull(state);
        var doneInEarlierEpochs = state.EpochDone - state.InitialDone;
        var completed = doneInEarlierEpochs + (progress?.Completed ?? 0);
        if (state.State is RunState.Submitting or RunState.Running)
        {
            CompletedSeen = completed = Math.Max(completed, CompletedSeen);
        }

        return new RunInfo
        {
            Run = run,
            State = state.State,
            AlreadyDone = state.InitialDone,
            Submitted = run.TaskCount - state.InitialDone,
            Completed = completed,
            Failed = progress?.Failed ?? 0,
            Running = progress?.Running ?? 0,
            WaitingForTags = progress?.WaitingForTags ?? [],
            Finished = state.Finished,
            Error = state.Error,
        };
    }

    /// <summary>One count per task name over an epoch's shards (a name's tasks may be in several); the first error any shard saw for it.</summary>
    public static List<NameCounts> Combine(IEnumerable<IEnumerable<NameCounts>> shards) =>
        [.. NameCounts.Merge(shards.SelectMany(s => s))];

    /// <summary>
    /// <paramref name="epochCounts"/> (null if unknown) with the tasks stored before the epoch started
    /// counted as done, ordered by name.
    /// </summary>
    public static NameCounts[] WithStoredBefore(IEnumerable<NameCounts>? epochCounts, IReadOnlyDictionary<string, int> storedBefore)
    {
        ArgumentNullException.ThrowIfNull(storedBefore);
        var byName = (epochCounts ?? []).ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var (name, done) in storedBefore)
        {
            var current = byName.GetValueOrDefault(name) ?? new NameCounts(name, 0, 0, 0, 0, null);
            byName[name] = current with { Done = current.Done + done };
        }

        return [.. byName.Values.OrderBy(c => c.Name, StringComparer.Ordinal)];
    }
}
