using Jug.Cloud.Runtime.Contracts;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>What a slot hands the commit pipeline: a task it ran, or an outcome without running.</summary>
internal sealed record SlotResult(TaskRunResult? Ran, TaskOutcome? Outcome);
