namespace Jug.Cloud.Runtime.Contracts;

/// <summary>Counters of a run, kept by its dispatcher.</summary>
/// <param name="Submitted">Tasks submitted to run (not counting those already stored).</param>
/// <param name="Queued">Ready tasks not yet handed out, including failed ones waiting to be retried.</param>
/// <param name="Running">Tasks handed to workers and not yet reported.</param>
/// <param name="Completed">Tasks that finished and are stored (here or by another process).</param>
/// <param name="Failed">Tasks that failed for good.</param>
/// <param name="Finished">True when nothing more will run.</param>
/// <param name="HeldElsewhere">Tasks another process holds a claim on; watched until they finish or the claim lapses.</param>
/// <param name="Retrying">Failed tasks waiting out their backoff before another attempt.</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.RunProgress")]
public sealed record RunProgress(
    [property: Id(0)] int Submitted,
    [property: Id(1)] int Queued,
    [property: Id(2)] int Running,
    [property: Id(3)] int Completed,
    [property: Id(4)] int Failed,
    [property: Id(5)] bool Finished,
    [property: Id(6)] int HeldElsewhere = 0,
    [property: Id(7)] int Retrying = 0)
{
    /// <summary>Tags that queued tasks require and no live silo has: they wait until such a silo joins.</summary>
    [Id(8)]
    public string[] WaitingForTags { get; init; } = [];

    /// <summary>
    /// Tasks that found an input missing or corrupt in the store (workers with
    /// <c>ReportMissingInputs</c>); a run with any ends lost, so that its owner submits the graph again
    /// and the inputs' producers run first.
    /// </summary>
    [Id(9)]
    public int InputsMissing { get; init; }
}
