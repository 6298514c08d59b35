namespace Jug.Cloud.Cluster.Contracts;

/// <summary>Where a cluster run stands.</summary>
public enum RunState
{
    /// <summary>Its tasks are being handed to the cluster's grains.</summary>
    Submitting,

    /// <summary>Workers are running its tasks.</summary>
    Running,

    /// <summary>Every task is stored.</summary>
    Done,

    /// <summary>It ended with tasks that failed for good.</summary>
    Failed,

    /// <summary>It was stopped before every task ran.</summary>
    Stopped,
}

/// <summary>A cluster run's description and counters.</summary>
[GenerateSerializer]
[Immutable]
[Alias("jug.RunInfo")]
public sealed record RunInfo
{
    /// <summary>What was submitted.</summary>
    [Id(0)]
    public required RunDescriptor Run { get; init; }

    /// <summary>Where it stands.</summary>
    [Id(1)]
    public RunState State { get; init; }

    /// <summary>Tasks whose results were stored before this run (or its current epoch) started.</summary>
    [Id(2)]
    public int AlreadyDone { get; init; }

    /// <summary>Tasks handed to workers in the current epoch.</summary>
    [Id(3)]
    public int Submitted { get; init; }

    /// <summary>Tasks of the current epoch stored.</summary>
    [Id(4)]
    public int Completed { get; init; }

    /// <summary>Tasks failed for good.</summary>
    [Id(5)]
    public int Failed { get; init; }

    /// <summary>Tasks running now.</summary>
    [Id(6)]
    public int Running { get; init; }

    /// <summary>When it finished, if it did.</summary>
    [Id(7)]
    public DateTimeOffset? Finished { get; init; }

    /// <summary>Tags that waiting tasks require and no silo up has.</summary>
    [Id(8)]
    public string[] WaitingForTags { get; init; } = [];

    /// <summary>Why the run ended without running its tasks (its store failed, its package was missing), if it did.</summary>
    [Id(9)]
    public string? Error { get; init; }

    /// <summary>True once nothing more will run.</summary>
    public bool IsOver => State is RunState.Done or RunState.Failed or RunState.Stopped;
}
