namespace Jug.Cloud.Bench.Scenarios;

/// <summary>What one round of a scenario measured.</summary>
internal sealed record ScenarioResult
{
    /// <summary>The value compared with the target, in the target's unit.</summary>
    public double Value { get; init; }

    /// <summary>Wall, CPU and memory of the measured region; null when the scenario did not run.</summary>
    public Measurement.Measurement? Measurement { get; init; }

    /// <summary>Tasks in the graph (or, for scenarios without a graph, items processed: bytes hashed).</summary>
    public long Count { get; init; }

    /// <summary>Whether <see cref="Count"/> counts tasks (and so gives tasks/s).</summary>
    public bool CountsTasks { get; init; } = true;

    /// <summary>How many results the store should hold afterwards; null when the scenario stores none.</summary>
    public int? ExpectedStored { get; init; }

    /// <summary>How many results the store held afterwards.</summary>
    public int? Stored { get; init; }

    /// <summary>False when the target does not apply here (for example, a disk comparison on a server store).</summary>
    public bool Judged { get; init; } = true;

    /// <summary>Where the time went, and anything else a reader needs to read the number.</summary>
    public string Notes { get; init; } = "";

    /// <summary>Why the scenario could not run; null when it ran.</summary>
    public string? Unavailable { get; init; }

    public static ScenarioResult NotAvailable(string reason) => new() { Unavailable = reason, Judged = false };
}
