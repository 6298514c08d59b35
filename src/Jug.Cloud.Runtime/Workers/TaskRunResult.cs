using Jug.Cloud.Graph;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>The outcome of running one task, before it is stored and reported.</summary>
/// <param name="Task">The task.</param>
/// <param name="Attempt">Which attempt this was (1 for the first).</param>
/// <param name="Value">The result value (for the local cache).</param>
/// <param name="Encoded">The stored object to write; null on failure.</param>
/// <param name="Error">The exception the task threw; null on success.</param>
/// <param name="Started">When the method was called.</param>
/// <param name="Duration">How long the method ran.</param>
public sealed record TaskRunResult(TaskNode Task, int Attempt, object? Value, byte[]? Encoded, Exception? Error, DateTimeOffset Started, TimeSpan Duration);
