using Jug.Cloud.Graph;

namespace Jug.Cloud.Client;

/// <summary>What a barrier or a <c>BValue</c> ran while the jugfile was declaring its graph.</summary>
/// <param name="Summary">The run of the tasks it needed.</param>
/// <param name="Value">The task whose value <c>BValue</c> asked for; null for <c>Barrier()</c>.</param>
public sealed record BarrierRun(ExecutionSummary Summary, TaskNode? Value);
