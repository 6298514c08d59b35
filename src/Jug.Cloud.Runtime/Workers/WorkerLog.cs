using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>Log messages of the worker pool.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Worker pool {Worker} started {Slots} slots for run {RunId}")]
    public static partial void PoolStarted(ILogger logger, string worker, int slots, string runId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Task {TaskName} {Hash} failed: {Error}")]
    public static partial void TaskFailed(ILogger logger, string taskName, string hash, string error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Could not store {Count} results")]
    public static partial void CommitFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "The dispatcher handed out task {Hash}, which this worker cannot resolve")]
    public static partial void Unresolvable(ILogger logger, string hash);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "The claim on task {Hash} lapsed before it was renewed; another process may run it too")]
    public static partial void ClaimLost(ILogger logger, string hash);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Task {TaskName} {Hash} passed its timeout of {Timeout}; its thread is abandoned")]
    public static partial void TaskAbandoned(ILogger logger, string taskName, string hash, TimeSpan timeout);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "The store did not answer while {Activity}; trying again")]
    public static partial void StoreUnavailable(ILogger logger, string activity, Exception exception);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Could not tell the dispatcher this worker lives: {Reason}")]
    public static partial void HeartbeatFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "The run's dispatcher is unreachable ({Reason}); asking again")]
    public static partial void DispatcherUnreachable(ILogger logger, string reason);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Could not report {Count} outcomes ({Reason}); this worker leaves the run, whose stored results stand")]
    public static partial void ReportFailed(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Debug, Message = "No other process works on {Store}: running tasks without per-task claims")]
    public static partial void RunningAlone(ILogger logger, string store);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Debug, Message = "Other processes work on {Store}: claiming each task")]
    public static partial void RunningShared(ILogger logger, string store);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "Waiting {Seconds} s for the process running alone on {Store} to let others in (a process that died holding it lets go when its lease lapses)")]
    public static partial void WaitingToJoin(ILogger logger, string store, int seconds);

    [LoggerMessage(EventId = 2014, Message = "Could not write this worker's status record to the store ({Reason}); the run goes on")]
    public static partial void StatusNotWritten(ILogger logger, LogLevel level, string reason);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Information, Message = "Worker {Worker} drains run {RunId}: {Count} tasks not started handed back")]
    public static partial void Draining(ILogger logger, string worker, string runId, int count);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Warning, Message = "Worker {Worker} drained run {RunId} past its timeout of {Timeout}: {Count} running tasks handed back, their threads abandoned")]
    public static partial void DrainTimedOut(ILogger logger, string worker, string runId, TimeSpan timeout, int count);

    [LoggerMessage(EventId = 2017, Level = LogLevel.Warning, Message = "Could not hand {Count} tasks back to the dispatcher ({Reason}); they run elsewhere once this worker's leases expire")]
    public static partial void ReleaseFailed(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 2018, Level = LogLevel.Debug, Message = "The store takes no more writes ({Reason}): this worker starts no more tasks")]
    public static partial void StoreUnwritable(ILogger logger, string reason);
}
