using Jug.Cloud.Graph;

namespace Jug.Cloud.Client;

/// <summary>One task and the state <c>status</c> worked out for it.</summary>
/// <param name="Task">The task.</param>
/// <param name="State">Its state.</param>
public sealed record TaskStatusEntry(TaskNode Task, TaskState State);
