namespace Jug.Cloud.Web.Sources;

/// <summary>What the overview shows: runs, counts by name, throughput and recent failures.</summary>
/// <param name="Kind"><c>jugdir</c> or <c>cluster</c>.</param>
/// <param name="Location">Where the status comes from, with any secret removed.</param>
/// <param name="Runs">Current and recent runs, newest first (one for a jugdir: the jugfile's graph).</param>
/// <param name="Total">Counts of every task by state.</param>
/// <param name="Names">Counts by task name.</param>
/// <param name="Throughput">Tasks finished per interval, oldest first.</param>
/// <param name="FailuresLastHour">Failed attempts in the last hour.</param>
/// <param name="At">When this was read.</param>
public sealed record OverviewView(
    string Kind,
    string Location,
    IReadOnlyList<RunSummaryView> Runs,
    NameRowView Total,
    IReadOnlyList<NameRowView> Names,
    ThroughputSeries Throughput,
    int FailuresLastHour,
    DateTimeOffset At);

/// <summary>One run and its progress.</summary>
/// <param name="Id">The run id (<c>jugdir</c> for a jugdir's graph).</param>
/// <param name="Name">The jugfile's name.</param>
/// <param name="State">Submitting, Running, Done, Failed or Stopped.</param>
/// <param name="Submitted">When it was submitted, if known.</param>
/// <param name="Finished">When it finished, if it did.</param>
/// <param name="Tasks">Tasks in the run.</param>
/// <param name="Done">Tasks stored.</param>
/// <param name="Running">Tasks running now.</param>
/// <param name="Failed">Tasks failed for good.</param>
/// <param name="WaitingForTags">Tags that waiting tasks require and no silo up has.</param>
/// <param name="Error">Why the run ended early, if it did.</param>
public sealed record RunSummaryView(
    string Id,
    string Name,
    string State,
    DateTimeOffset? Submitted,
    DateTimeOffset? Finished,
    int Tasks,
    int Done,
    int Running,
    int Failed,
    IReadOnlyList<string> WaitingForTags,
    string? Error);

/// <summary>One line of Jug's status table.</summary>
/// <param name="Name">The task name (or <c>Total</c>).</param>
/// <param name="Waiting">Some dependency is not done.</param>
/// <param name="Ready">Can run.</param>
/// <param name="Running">Running now.</param>
/// <param name="Done">Stored.</param>
/// <param name="Failed">Failed.</param>
/// <param name="MeanSeconds">Mean run time of the timed runs, if any.</param>
/// <param name="MaxSeconds">Longest run time, if any.</param>
public sealed record NameRowView(string Name, int Waiting, int Ready, int Running, int Done, int Failed, double? MeanSeconds, double? MaxSeconds)
{
    /// <summary>Every task of the name.</summary>
    public int Tasks => Waiting + Ready + Running + Done + Failed;

    /// <summary>The sum of <paramref name="rows"/>, named <c>Total</c>.</summary>
    public static NameRowView TotalOf(IReadOnlyList<NameRowView> rows) => new(
        "Total",
        rows.Sum(r => r.Waiting),
        rows.Sum(r => r.Ready),
        rows.Sum(r => r.Running),
        rows.Sum(r => r.Done),
        rows.Sum(r => r.Failed),
        null,
        rows.Select(r => r.MaxSeconds).Max());
}

/// <summary>Tasks finished and failed per interval, oldest first.</summary>
/// <param name="Start">When the first interval began.</param>
/// <param name="IntervalSeconds">The length of each interval.</param>
/// <param name="Completed">Tasks stored in each interval.</param>
/// <param name="Failed">Failed attempts in each interval.</param>
public sealed record ThroughputSeries(DateTimeOffset Start, double IntervalSeconds, IReadOnlyList<int> Completed, IReadOnlyList<int> Failed);

/// <summary>A page of one name's tasks.</summary>
/// <param name="Name">The task name.</param>
/// <param name="Matching">Tasks matching the filter.</param>
/// <param name="Page">The page (from 1).</param>
/// <param name="PageSize">Tasks per page.</param>
/// <param name="Tasks">This page's tasks.</param>
public sealed record TaskPageView(string Name, int Matching, int Page, int PageSize, IReadOnlyList<TaskRowView> Tasks);

/// <summary>A task in a list.</summary>
/// <param name="Hash">Its hash (hex).</param>
/// <param name="State">Waiting, Ready, Running, Done or Failed.</param>
public sealed record TaskRowView(string Hash, string State);

/// <summary>Which tasks of a name to list.</summary>
/// <param name="Name">The task name.</param>
/// <param name="State">Only this state, or all.</param>
/// <param name="HashPrefix">Only hashes starting with this (hex), or all.</param>
/// <param name="Page">The page (from 1).</param>
/// <param name="PageSize">Tasks per page.</param>
public sealed record TaskQuery(string Name, string? State, string? HashPrefix, int Page, int PageSize);

/// <summary>Everything known about one task.</summary>
/// <param name="Hash">Its hash (hex).</param>
/// <param name="Name">Its name.</param>
/// <param name="State">Its state.</param>
/// <param name="Attempts">Attempts recorded in the run log.</param>
/// <param name="Provenance">Jug's <c>describe</c>: the task, its arguments and the tasks they came from.</param>
/// <param name="Dependencies">The tasks it reads.</param>
/// <param name="Failure">Its recorded failure (exception and stack trace), if any.</param>
/// <param name="Runs">Its executions from the run log, oldest first.</param>
/// <param name="Worker">Who ran (or runs) it last.</param>
/// <param name="ResultBytes">The stored result's size, if stored.</param>
public sealed record TaskDetailView(
    string Hash,
    string Name,
    string State,
    int Attempts,
    string Provenance,
    IReadOnlyList<TaskRowView> Dependencies,
    FailureView? Failure,
    IReadOnlyList<TaskRunView> Runs,
    string? Worker,
    long? ResultBytes);

/// <summary>One execution of a task.</summary>
/// <param name="Attempt">Which attempt.</param>
/// <param name="Worker">Who ran it.</param>
/// <param name="Started">When.</param>
/// <param name="Seconds">How long.</param>
/// <param name="Succeeded">Whether it stored a result.</param>
public sealed record TaskRunView(int Attempt, string Worker, DateTimeOffset Started, double Seconds, bool Succeeded);

/// <summary>A task's recorded failure.</summary>
/// <param name="Hash">The task.</param>
/// <param name="Name">Its name.</param>
/// <param name="ExceptionType">The exception's type.</param>
/// <param name="Message">Its message.</param>
/// <param name="StackTrace">The full exception text.</param>
/// <param name="Attempt">Which attempt failed.</param>
/// <param name="Worker">Who ran it.</param>
/// <param name="Time">When.</param>
public sealed record FailureView(string Hash, string Name, string ExceptionType, string Message, string StackTrace, int Attempt, string Worker, DateTimeOffset Time);

/// <summary>Failed tasks of one name with one exception type.</summary>
/// <param name="Name">The task name.</param>
/// <param name="ExceptionType">The exception type.</param>
/// <param name="Count">How many tasks.</param>
/// <param name="Failures">Their failures, newest first.</param>
public sealed record FailureGroupView(string Name, string ExceptionType, int Count, IReadOnlyList<FailureView> Failures);

/// <summary>A silo's pool or an <c>execute</c> process.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Host">Its machine, if known.</param>
/// <param name="Tags">Its placement tags.</param>
/// <param name="Slots">Tasks it runs at once (0 if unknown).</param>
/// <param name="HeartbeatAgeSeconds">Seconds since it was last heard from.</param>
/// <param name="Lost">True if it stopped reporting.</param>
/// <param name="Running">What its slots run now.</param>
/// <param name="TasksDone">Tasks it finished, if known.</param>
/// <param name="StoreReads">Results it read from the store, if known.</param>
public sealed record WorkerInfoView(
    string Name,
    string? Host,
    IReadOnlyList<string> Tags,
    int Slots,
    double HeartbeatAgeSeconds,
    bool Lost,
    IReadOnlyList<SlotTaskView> Running,
    long? TasksDone,
    long? StoreReads)
{
    /// <summary>A silo the page's drain action can stop (false for execute processes and lost workers).</summary>
    public bool Drainable { get; init; }
}

/// <summary>A task a worker's slot runs.</summary>
/// <param name="Hash">The task.</param>
/// <param name="Name">Its name.</param>
/// <param name="Since">When it started.</param>
public sealed record SlotTaskView(string Hash, string Name, DateTimeOffset Since);

/// <summary>Ready queues, tags nobody serves, and leases (claims) held.</summary>
/// <param name="Ready">Ready tasks per queue.</param>
/// <param name="WaitingForTags">Tags that waiting tasks require and no worker has.</param>
/// <param name="Leases">Tasks held by a worker.</param>
public sealed record QueuesView(IReadOnlyList<QueueRowView> Ready, IReadOnlyList<string> WaitingForTags, IReadOnlyList<LeaseRowView> Leases);

/// <summary>Ready tasks in one queue.</summary>
/// <param name="Run">The run.</param>
/// <param name="Kind">Shared, Required, Preferred or Local.</param>
/// <param name="Key">The tag or worker, or empty.</param>
/// <param name="Tasks">How many.</param>
public sealed record QueueRowView(string Run, string Kind, string Key, int Tasks);

/// <summary>A task a worker holds.</summary>
/// <param name="Hash">The task.</param>
/// <param name="Holder">Who holds it.</param>
/// <param name="Until">When the hold lapses (a claim), or null (a dispatcher's lease).</param>
/// <param name="Stale">True if it lapsed: a dead process's lock, which remove-stale-locks clears.</param>
public sealed record LeaseRowView(string Hash, string Holder, DateTimeOffset? Until, bool Stale);
