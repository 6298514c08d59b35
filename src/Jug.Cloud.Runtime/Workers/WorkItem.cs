using Jug.Cloud.Graph;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>A task fetched for this pool, on attempt <paramref name="Attempt"/>, waiting for a slot.</summary>
internal sealed record WorkItem(TaskNode Task, int Attempt);
