using Jug.Cloud.Runtime.Contracts;

namespace Jug.Cloud.Runtime.Grains.Dispatching;

/// <summary>A worker's <c>Take</c> call waiting for up to <see cref="Max"/> tasks its silo's <see cref="Tags"/> allow.</summary>
internal sealed class Taker(string worker, int max, string[] tags)
{
    /// <summary>The worker asking.</summary>
    public string Worker { get; } = worker;

    /// <summary>The most tasks it takes.</summary>
    public int Max { get; } = max;

    /// <summary>Its silo's tags.</summary>
    public string[] Tags { get; } = tags;

    /// <summary>Completes with the batch the worker gets.</summary>
    public TaskCompletionSource<ReadyBatch> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
