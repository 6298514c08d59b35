using Jug.Cloud.Web.Access;
using Jug.Cloud.Web.Actions;
using Jug.Cloud.Web.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Web.Api;

/// <summary>
/// The actions (<c>POST /api/actions/...</c>, write permission): each is recorded, who, when, what and
/// how it went, in the <see cref="ActionLog"/> and the host's log. A preview of invalidate is a read.
/// </summary>
internal static partial class ActionEndpoints
{
    public static void Map(RouteGroupBuilder api, RouteGroupBuilder actions)
    {
        api.MapGet("/actions/invalidate/preview", (HttpRequest request, IStatusActions run, CancellationToken ct) =>
            run.PreviewInvalidateAsync(TargetOf(request.Query), ct));

        actions.MapPost("/retry", (HttpContext http, IStatusActions run, ActionLog log, ILoggerFactory logs) =>
            RecordAsync(http, log, logs, "retry", TargetOf(http.Request.Query), t => run.RetryAsync(t, http.RequestAborted)));
        actions.MapPost("/invalidate", (HttpContext http, IStatusActions run, ActionLog log, ILoggerFactory logs) =>
            RecordAsync(http, log, logs, "invalidate", TargetOf(http.Request.Query), t => run.InvalidateAsync(t, http.RequestAborted)));
        actions.MapPost("/remove-stale-locks", (HttpContext http, IStatusActions run, ActionLog log, ILoggerFactory logs) =>
            RecordAsync(http, log, logs, "remove-stale-locks", new ActionTarget(null, null, null), _ => run.RemoveStaleLocksAsync(http.RequestAborted)));
        actions.MapPost("/cancel", (HttpContext http, IStatusActions run, ActionLog log, ILoggerFactory logs) =>
            RecordAsync(http, log, logs, "cancel", TargetOf(http.Request.Query), t => run.CancelRunAsync(t.Run, http.RequestAborted)));
        actions.MapPost("/drain", (HttpContext http, IStatusActions run, ActionLog log, ILoggerFactory logs) =>
            RecordAsync(http, log, logs, "drain", WorkerOf(http.Request.Query), _ => run.DrainWorkerAsync(http.Request.Query["worker"].ToString(), http.RequestAborted)));
    }

    private static ActionTarget TargetOf(IQueryCollection query) => new(
        query["name"].ToString() is { Length: > 0 } name ? name : null,
        query["task"].ToString() is { Length: > 0 } task ? task : null,
        query["run"].ToString() is { Length: > 0 } run ? run : null);

    /// <summary>A worker named in the query; the action log reads "worker NAME".</summary>
    private static ActionTarget WorkerOf(IQueryCollection query) =>
        query["worker"].ToString() is { Length: > 0 } worker
            ? new ActionTarget(null, null, null) { Worker = worker }
            : throw new ArgumentException("Name the silo to drain: ?worker=NAME.");

    private static async Task<IResult> RecordAsync(HttpContext http, ActionLog log, ILoggerFactory logs, string action, ActionTarget target, Func<ActionTarget, Task<ActionOutcome>> act)
    {
        var who = WebAccess.WhoIs(http, http.Items[AccessFilter.RoleItem] is WebRole role ? role : WebRole.Write);
        var what = target.Run is { } run ? $"{target} of run {run}" : target.ToString();
        var logger = logs.CreateLogger("Jug.Cloud.Web.Actions");
        try
        {
            var outcome = await act(target);
            log.Add(new ActionRecord(DateTimeOffset.UtcNow, who, action, what, outcome.Summary, true));
            LogAction(logger, who, action, what, outcome.Summary);
            return Results.Ok(outcome);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.Add(new ActionRecord(DateTimeOffset.UtcNow, who, action, what, ApiErrors.OneLine(e.Message), false));
            LogActionFailed(logger, who, action, what, ApiErrors.OneLine(e.Message));
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Web action {Action} on {Target} by {Who}: {Outcome}")]
    private static partial void LogAction(ILogger logger, string who, string action, string target, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Web action {Action} on {Target} by {Who} failed: {Reason}")]
    private static partial void LogActionFailed(ILogger logger, string who, string action, string target, string reason);
}
