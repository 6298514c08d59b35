namespace Jug.Cloud.Graph;

/// <summary>What a task hook is told: the task, its attempt and worker, and how the attempt went.</summary>
/// <param name="Task">The task.</param>
/// <param name="Attempt">The attempt, from 1.</param>
/// <param name="Worker">The worker (process or silo pool) running it.</param>
/// <param name="Elapsed">How long the attempt ran; zero when it starts.</param>
/// <param name="Error">Why it failed; null when it starts or finishes.</param>
public sealed record TaskEvent(TaskNode Task, int Attempt, string Worker, TimeSpan Elapsed, Exception? Error);
