using Jug.Cloud.Runtime.Workers;

namespace Jug.Cloud.Client;

/// <summary>How <see cref="JugEngine"/> runs a graph.</summary>
public sealed record ExecuteOptions
{
    /// <summary>Worker slots (dedicated threads); defaults to the processor count.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>Run only tasks whose name matches (and what they need); null for all.</summary>
    public TaskPattern? Target { get; init; }

    /// <summary>Keep starting new tasks after one has failed for good (Jug's <c>--keep-going</c>).</summary>
    public bool KeepGoing { get; init; }

    /// <summary>A name for this process's workers in failure records, run records and claims.</summary>
    public string WorkerName { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Log messages of the engine and Orleans below this level are dropped.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Warning;

    /// <summary>Attempts of a task whose method does not set <c>[JugTask(Attempts = …)]</c>.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Wait before a failed task's second attempt; doubled for each later one, at most a minute.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one attempt of a task whose method does not set one; null for none.</summary>
    public TimeSpan? TaskTimeout { get; init; }

    /// <summary>
    /// Claim each task in the store before running it, so several processes can share the store.
    /// Null (the default) decides by the store: on for stores other processes can open (file, Redis…),
    /// off for the in-process memory store.
    /// </summary>
    public bool? Claims { get; init; }

    /// <summary>How long a claim lives without its keepalive; a killed process's tasks run elsewhere after this.</summary>
    public TimeSpan ClaimTimeToLive { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often tasks another process holds are checked (Jug's <c>--wait-cycle-time</c>).</summary>
    public TimeSpan WaitCycleTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Give up after this many idle wait cycles (Jug's <c>--nr-wait-cycles</c>); 0 waits while the holders are alive.</summary>
    public int WaitCycles { get; init; }

    /// <summary>Keep the claim of a task that failed for good, so no process retries it until cleanup (Jug's <c>--keep-failed</c>).</summary>
    public bool KeepFailed { get; init; }

    /// <summary>Keep no decoded results in memory beyond the task using them (Jug's <c>--aggressive-unload</c>).</summary>
    public bool AggressiveUnload { get; init; }

    /// <summary>Hash each task's arguments again after it ran and fail it if it changed one (Jug's <c>--debug</c>).</summary>
    public bool Debug { get; init; }

    /// <summary>A file whose appearance asks this process to stop after its running tasks (Jug's <c>__jug_please_stop_running.txt</c>); null for none.</summary>
    public string? StopFile { get; init; }

    internal WorkerPoolOptions ToPoolOptions(bool claims) => new()
    {
        Slots = Math.Max(1, Jobs),
        WorkerName = WorkerName,
        DefaultAttempts = Math.Max(1, Attempts),
        DefaultTimeout = TaskTimeout,
        CheckArguments = Debug,

        // A lost input is not the reader's failure: the session submits the graph again (EngineSession).
        ReportMissingInputs = true,
        ResultCacheBytes = AggressiveUnload ? 0 : new WorkerPoolOptions().ResultCacheBytes,
        Claims = claims
            ? new ClaimSettings { TimeToLive = ClaimTimeToLive, WaitCycle = WaitCycleTime, WaitCycles = WaitCycles, KeepFailed = KeepFailed }
            : null,
    };
}
