namespace Jug.Cloud.Runtime;

/// <summary>
/// Sizes every part of the engine agrees on: how a run is split and how far a call reaches. (The
/// store's existence-check batch is <see cref="Jug.Cloud.Storage.StoredTasks.ExistsBatchSize"/>, in Core.)
/// </summary>
public static class RuntimeLimits
{
    /// <summary>Shard grains per run (a task's shard is its hash bucket modulo this).</summary>
    public const int ShardCount = 8;

    /// <summary>Tasks, edges or placement hints per call while a run is submitted.</summary>
    public const int SubmitBatch = 4096;
}
