using Jug.Cloud.Graph;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>
/// A task fetched for this pool, on attempt <paramref name="Attempt"/>, waiting for a slot;
/// <paramref name="Reissued"/> if another worker held it before (<see cref="Contracts.ReadyBatch.Reissued"/>).
/// </summary>
internal sealed record WorkItem(TaskNode Task, int Attempt, bool Reissued = false);
