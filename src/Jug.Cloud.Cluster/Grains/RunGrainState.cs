using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains;

namespace Jug.Cloud.Cluster.Grains;

/// <summary>Persistent state of a cluster run.</summary>
[GenerateSerializer]
[Alias("jug.RunGrainState")]
public sealed class RunGrainState
{
    /// <summary>What was submitted, at its current epoch.</summary>
    [Id(0)]
    public RunDescriptor? Run { get; set; }

    /// <summary>Where it stands.</summary>
    [Id(1)]
    public RunState State { get; set; }

    /// <summary>Tasks stored before the run started.</summary>
    [Id(2)]
    public int InitialDone { get; set; }

    /// <summary>Tasks stored when the current epoch started (includes those of earlier epochs).</summary>
    [Id(3)]
    public int EpochDone { get; set; }

    /// <summary>Per task name, tasks stored when the current epoch started.</summary>
    [Id(4)]
    public Dictionary<string, int> EpochDoneByName { get; set; } = [];

    /// <summary>The final counters, once over.</summary>
    [Id(5)]
    public RunProgress? Final { get; set; }

    /// <summary>The final counts by name, once over.</summary>
    [Id(6)]
    public List<NameCounts>? FinalCounts { get; set; }

    /// <summary>When it ended.</summary>
    [Id(7)]
    public DateTimeOffset? Finished { get; set; }

    /// <summary>Why it ended without running, if it did.</summary>
    [Id(8)]
    public string? Error { get; set; }

    /// <summary>Epochs in a row that were lost before storing a single task more than the one before.</summary>
    [Id(9)]
    public int StalledEpochs { get; set; }

    /// <summary>Why the last epoch was lost.</summary>
    [Id(10)]
    public string? LostReason { get; set; }
}
