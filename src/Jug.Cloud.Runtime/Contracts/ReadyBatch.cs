namespace Jug.Cloud.Runtime.Contracts;

/// <summary>Tasks handed to a worker, or the word that there is nothing more to take.</summary>
/// <param name="Tasks">Tasks to run now.</param>
/// <param name="Attempts">For each task, which attempt this is (1 for the first).</param>
/// <param name="Finished">True when the run is over (complete, stopped, or blocked by failures): stop asking.</param>
/// <param name="Reissued">
/// For each task, whether it was handed out before to a worker that went silent or left (null when
/// none was). Such a worker may have stored the result without reporting it, so the new holder looks
/// in the store before running it.
/// </param>
[GenerateSerializer]
[Immutable]
[Alias("jug.ReadyBatch")]
public sealed record ReadyBatch(
    [property: Id(0)] TaskHash[] Tasks,
    [property: Id(1)] int[] Attempts,
    [property: Id(2)] bool Finished,
    [property: Id(3)] bool[]? Reissued = null)
{
    /// <summary>Nothing to run yet; ask again.</summary>
    public static ReadyBatch Empty { get; } = new([], [], false);

    /// <summary>Nothing to run ever again.</summary>
    public static ReadyBatch End { get; } = new([], [], true);
}
