namespace Jug.Cloud.Runtime.Workers;

/// <summary>Settings of a silo's worker slots.</summary>
public sealed record WorkerPoolOptions
{
    /// <summary>Worker slots: dedicated threads that each run one task at a time.</summary>
    public int Slots { get; init; } = Environment.ProcessorCount;

    /// <summary>The name recorded with failures, run records and claims.</summary>
    public string WorkerName { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Most tasks asked for in one call to the dispatcher.</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>Tasks a slot may have queued locally beyond the one it runs (the most, with <see cref="PrefetchHorizon"/>).</summary>
    public int PrefetchPerSlot { get; init; } = 64;

    /// <summary>
    /// When set, each slot queues only about this much work ahead, judged by how long tasks have taken
    /// here so far: one task ahead while durations are unknown or long, up to <see cref="PrefetchPerSlot"/>
    /// for tasks of microseconds. For workers that share a run with others (a cluster), where a task
    /// queued here is one another idle worker cannot start.
    /// </summary>
    public TimeSpan? PrefetchHorizon { get; init; }

    /// <summary>Most outcomes stored and reported in one group commit.</summary>
    public int MaxCommitBatch { get; init; } = 512;

    /// <summary>Approximate bytes of decoded results kept for dependents running here; 0 keeps none.</summary>
    public long ResultCacheBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Attempts of a task whose method does not say (<c>[JugTask(Attempts = …)]</c>).</summary>
    public int DefaultAttempts { get; init; } = 3;

    /// <summary>Timeout of one attempt of a task whose method does not say; null for none.</summary>
    public TimeSpan? DefaultTimeout { get; init; }

    /// <summary>
    /// Claims to take in the store before running a task, so processes sharing the store never run a
    /// task at once; null when this process is the store's only user.
    /// </summary>
    public ClaimSettings? Claims { get; init; }

    /// <summary>Hash arguments before and after each call and fail a task that changed one.</summary>
    public bool CheckArguments { get; init; }

    /// <summary>How often to tell the dispatcher this worker lives (cluster runs, whose leases expire); null sends nothing.</summary>
    public TimeSpan? Heartbeat { get; init; }

    /// <summary>
    /// Report a task whose input is missing or corrupt as <see cref="Contracts.OutcomeKind.InputMissing"/>
    /// (a supervised run is then submitted again) rather than as a failed attempt.
    /// </summary>
    public bool ReportMissingInputs { get; init; }

    /// <summary>The silo's tags: tasks that require or prefer one of them come here first.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Slots shared with the pools of other runs on this silo; a slot holds one while it runs a task.</summary>
    public SemaphoreSlim? SharedSlots { get; init; }

    /// <summary>
    /// When the pool is stopped, how long running tasks may take to finish and be stored before they
    /// too are handed back to the dispatcher (their threads abandoned); null waits for them.
    /// </summary>
    public TimeSpan? DrainTimeout { get; init; }
}

/// <summary>How a worker pool claims tasks in a store shared with other processes.</summary>
public sealed record ClaimSettings
{
    /// <summary>How long a claim lives unless renewed; the pool renews its claims every third of it.</summary>
    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often tasks another process holds are checked again.</summary>
    public TimeSpan WaitCycle { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Give up after this many checks in a row found nothing to run and no progress elsewhere; 0 waits as long as claims are alive.</summary>
    public int WaitCycles { get; init; }

    /// <summary>
    /// Skip the per-task claims while no other process works on the store: take the store's exclusive
    /// lease, and claim each task only once another process asks to join (the default). Off where
    /// several workers are known to share the store from the start (a cluster's silos).
    /// </summary>
    public bool RunAloneWhenAlone { get; init; } = true;

    /// <summary>Keep the claim of a task that failed for good, so no process retries it until cleanup.</summary>
    public bool KeepFailed { get; init; }

    /// <summary>How the owner of a claim kept on a failed task ends.</summary>
    public const string KeptFailureSuffix = "#failed";

    /// <summary>Whether <paramref name="claim"/> is kept on a failed task (<see cref="KeepFailed"/>) rather than held by a running worker.</summary>
    public static bool IsKeptFailure(Storage.ClaimInfo claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim.Owner.EndsWith(KeptFailureSuffix, StringComparison.Ordinal);
    }
}
