namespace Jug.Cloud.Client;

/// <summary>How <see cref="JugEngine.ExecuteAsync"/> runs a graph.</summary>
public sealed record ExecuteOptions
{
    /// <summary>Worker slots (dedicated threads); defaults to the processor count.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>Run only tasks whose name matches (and what they need); null for all.</summary>
    public TaskPattern? Target { get; init; }

    /// <summary>Keep starting new tasks after one has failed (Jug's <c>--keep-going</c>).</summary>
    public bool KeepGoing { get; init; }

    /// <summary>A name for this process's workers in failure records and run records.</summary>
    public string WorkerName { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Log messages of the engine and Orleans below this level are dropped.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Warning;
}
