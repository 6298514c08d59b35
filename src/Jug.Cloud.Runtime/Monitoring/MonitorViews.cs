using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains;

namespace Jug.Cloud.Runtime.Monitoring;

/// <summary>Which kind of ready queue a <see cref="QueueDepth"/> counts.</summary>
[GenerateSerializer]
[Alias("jug.QueueKind")]
public enum QueueKind
{
    /// <summary>Tasks any worker may take.</summary>
    Shared,

    /// <summary>Tasks that only a worker with the tag may run.</summary>
    Required,

    /// <summary>Tasks that prefer a worker with the tag, and go to any other after the patience.</summary>
    Preferred,

    /// <summary>Tasks waiting for the worker that holds their largest input in its cache.</summary>
    Local,
}

/// <summary>A task handed to a worker and not yet reported: the dispatcher's lease.</summary>
/// <param name="Task">The task.</param>
/// <param name="Worker">Who holds it.</param>
/// <param name="Since">When it was handed out (a worker may hold a task it fetched ahead before starting it).</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.LeaseView")]
public sealed record LeaseView([property: Id(0)] TaskHash Task, [property: Id(1)] string Worker, [property: Id(2)] DateTimeOffset Since);

/// <summary>How many ready tasks wait in one queue.</summary>
/// <param name="Kind">Which kind of queue.</param>
/// <param name="Key">The tag (required or preferred), the worker (local), or empty (shared).</param>
/// <param name="Tasks">Tasks queued (tasks settled or leased meanwhile may still be counted until a worker passes them).</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.QueueDepth")]
public sealed record QueueDepth([property: Id(0)] QueueKind Kind, [property: Id(1)] string Key, [property: Id(2)] int Tasks);

/// <summary>A worker (a silo's pool or an <c>execute</c> process) as a run's dispatcher knows it.</summary>
/// <param name="Worker">Its name.</param>
/// <param name="Tags">The tags of its silo.</param>
/// <param name="LastSeen">When it last took, reported or renewed.</param>
/// <param name="Leased">Tasks it holds now.</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.WorkerView")]
public sealed record WorkerView(
    [property: Id(0)] string Worker,
    [property: Id(1)] string[] Tags,
    [property: Id(2)] DateTimeOffset LastSeen,
    [property: Id(3)] int Leased);

/// <summary>One failed attempt of a task.</summary>
/// <param name="Task">The task.</param>
/// <param name="Name">Its name, once a monitor looked it up (the dispatcher does not know names).</param>
/// <param name="Error">Exception type and message.</param>
/// <param name="Attempt">Which attempt failed.</param>
/// <param name="MaxAttempts">How many it may have: the task failed for good if they are equal.</param>
/// <param name="Worker">Who ran it.</param>
/// <param name="At">When it was reported.</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.FailureView")]
public sealed record FailureView(
    [property: Id(0)] TaskHash Task,
    [property: Id(1)] string? Name,
    [property: Id(2)] string? Error,
    [property: Id(3)] int Attempt,
    [property: Id(4)] int MaxAttempts,
    [property: Id(5)] string Worker,
    [property: Id(6)] DateTimeOffset At);

/// <summary>Tasks finished and failed per interval, oldest first, ending with the interval under way.</summary>
/// <param name="Start">When the first interval began.</param>
/// <param name="Interval">The length of each interval.</param>
/// <param name="Completed">Tasks stored in each interval.</param>
/// <param name="Failed">Failed attempts in each interval.</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.ThroughputView")]
public sealed record ThroughputView(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] TimeSpan Interval,
    [property: Id(2)] int[] Completed,
    [property: Id(3)] int[] Failed);

/// <summary>What a run's dispatcher knows: counters, leases, queues, workers, recent failures, throughput.</summary>
/// <param name="Progress">The run's counters.</param>
/// <param name="ShardCount">How many shards hold the run's tasks.</param>
/// <param name="Leases">Tasks handed out and not yet reported.</param>
/// <param name="Queues">Ready tasks per queue (empty queues left out).</param>
/// <param name="Workers">Workers that took tasks of this run and have not gone silent.</param>
/// <param name="RecentFailures">The latest failed attempts, newest first.</param>
/// <param name="Throughput">Tasks finished per interval over the last hour.</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.DispatcherView")]
public sealed record DispatcherView(
    [property: Id(0)] RunProgress Progress,
    [property: Id(1)] int ShardCount,
    [property: Id(2)] LeaseView[] Leases,
    [property: Id(3)] QueueDepth[] Queues,
    [property: Id(4)] WorkerView[] Workers,
    [property: Id(5)] FailureView[] RecentFailures,
    [property: Id(6)] ThroughputView Throughput);

/// <summary>A task running (leased) now, with its name.</summary>
/// <param name="Task">The task.</param>
/// <param name="Name">Its name.</param>
/// <param name="Worker">Who holds it.</param>
/// <param name="Since">When it was handed out.</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.RunningTask")]
public sealed record RunningTask(
    [property: Id(0)] TaskHash Task,
    [property: Id(1)] string Name,
    [property: Id(2)] string Worker,
    [property: Id(3)] DateTimeOffset Since);

/// <summary>
/// One run (or cluster run epoch) as its grains know it: what <c>status</c>, the web page and the
/// metrics all read, so that no face computes its own figures.
/// </summary>
/// <param name="RunKey">The dispatcher's key (run id, or run id and epoch).</param>
/// <param name="Progress">The run's counters.</param>
/// <param name="Names">Counts by task name and state, with run times, in name order.</param>
/// <param name="Running">Tasks running now, oldest first.</param>
/// <param name="Queues">Ready tasks per queue.</param>
/// <param name="Workers">Workers of the run.</param>
/// <param name="RecentFailures">The latest failed attempts, newest first, with task names.</param>
/// <param name="Throughput">Tasks finished per interval over the last hour.</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.RunView")]
public sealed record RunView(
    [property: Id(0)] string RunKey,
    [property: Id(1)] RunProgress Progress,
    [property: Id(2)] NameCounts[] Names,
    [property: Id(3)] RunningTask[] Running,
    [property: Id(4)] QueueDepth[] Queues,
    [property: Id(5)] WorkerView[] Workers,
    [property: Id(6)] FailureView[] RecentFailures,
    [property: Id(7)] ThroughputView Throughput);
