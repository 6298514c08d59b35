using Jug.Cloud.Runtime.Contracts;

namespace Jug.Cloud.Runtime.Grains.Dispatching;

/// <summary>Where <see cref="TakerQueue"/> finds tasks for its takers.</summary>
internal interface IReadyTaskSource
{
    /// <summary>Tasks queued (stale entries included).</summary>
    int Queued { get; }

    /// <summary>Hands up to <paramref name="max"/> tasks to <paramref name="worker"/>, leased to it; possibly none.</summary>
    ReadyBatch Take(string worker, string[] tags, int max);
}
