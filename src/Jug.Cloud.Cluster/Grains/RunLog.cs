using Jug.Cloud.Cluster.Contracts;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Cluster.Grains;

/// <summary>Log events of cluster runs.</summary>
internal static partial class RunLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Run {RunId} epoch {Epoch}: {ToRun} tasks submitted, {Done} already stored")]
    public static partial void EpochStarted(ILogger logger, string runId, int epoch, int toRun, int done);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Run {RunId} epoch {Epoch} cannot finish ({Reason}); submitting it again")]
    public static partial void EpochLost(ILogger logger, string runId, int epoch, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Run {RunId} is over: {State}, {Completed} stored, {Failed} failed")]
    public static partial void RunOver(ILogger logger, string runId, RunState state, int completed, int failed);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Could not stop dispatcher {Key}: {Reason}")]
    public static partial void StopFailed(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Run {RunId}: submitting epoch {Epoch} failed ({Reason}); trying again")]
    public static partial void ResubmitFailed(ILogger logger, string runId, int epoch, string reason);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Debug, Message = "Run {RunId}: could not check on its epoch ({Reason}); trying again later")]
    public static partial void CheckFailed(ILogger logger, string runId, string reason);
}
