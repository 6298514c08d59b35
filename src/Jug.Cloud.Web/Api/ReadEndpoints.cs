using System.Globalization;
using System.Runtime.CompilerServices;
using Jug.Cloud.Client;
using Jug.Cloud.Web.Actions;
using Jug.Cloud.Web.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Jug.Cloud.Web.Api;

/// <summary>The JSON API's reads (<c>GET /api/...</c>) and the live event stream.</summary>
internal static class ReadEndpoints
{
    private const int MaxPageSize = 1000;
    private static readonly TimeSpan EventInterval = TimeSpan.FromSeconds(1);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/overview", (IStatusSource source, CancellationToken ct) => source.ReadOverviewAsync(ct));
        api.MapGet("/runs", async (IStatusSource source, CancellationToken ct) => (await source.ReadOverviewAsync(ct)).Runs);
        api.MapGet("/names", async (IStatusSource source, CancellationToken ct) => (await source.ReadOverviewAsync(ct)).Names);
        api.MapGet("/names/{name}/tasks", async (string name, HttpRequest request, IStatusSource source, CancellationToken ct) =>
        {
            var query = ParseQuery(name, request.Query);
            return await source.ReadTasksAsync(query, ct) is { } page
                ? Results.Ok(page)
                : ApiErrors.Error(StatusCodes.Status404NotFound, $"No task is named '{name}'.");
        });
        api.MapGet("/tasks/{hash}", async (string hash, IStatusSource source, CancellationToken ct) =>
        {
            var key = ParseHash(hash);
            return await source.ReadTaskAsync(key, ct) is { } task
                ? Results.Ok(task)
                : ApiErrors.Error(StatusCodes.Status404NotFound, $"No task {key} in this graph.");
        });
        api.MapGet("/failures", (IStatusSource source, CancellationToken ct) => source.ReadFailuresAsync(ct));
        api.MapGet("/workers", (IStatusSource source, CancellationToken ct) => source.ReadWorkersAsync(ct));
        api.MapGet("/queues", (IStatusSource source, CancellationToken ct) => source.ReadQueuesAsync(ct));
        api.MapGet("/actions", (ActionLog log) => log.List());
        api.MapGet("/widget", WidgetAsync);
        api.MapGet("/events", (IStatusSource source, HttpContext http) =>
            TypedResults.ServerSentEvents(OverviewsAsync(source, http.RequestAborted), "overview"));
    }

    /// <summary>The overview every second until the client goes.</summary>
    private static async IAsyncEnumerable<OverviewView> OverviewsAsync(IStatusSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(EventInterval);
        do
        {
            yield return await source.ReadOverviewAsync(cancellationToken);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    /// <summary>What the widget shows: one run's or one task's progress and whether it is done or failed.</summary>
    private static async Task<IResult> WidgetAsync(HttpRequest request, IStatusSource source, CancellationToken ct)
    {
        if (request.Query["task"].ToString() is { Length: > 0 } hash)
        {
            var task = await source.ReadTaskAsync(ParseHash(hash), ct)
                ?? throw new UnknownTargetException($"No task {hash} in this graph.");
            var done = task.State == nameof(TaskState.Done);
            return Results.Ok(new WidgetView($"{task.Name} #{task.Hash[..8]}", task.State, done ? 1 : 0, 1, WidgetState(task.State)));
        }

        var overview = await source.ReadOverviewAsync(ct);
        var runId = request.Query["run"].ToString();
        var run = (runId.Length == 0 ? (overview.Runs.Count > 0 ? overview.Runs[0] : null) : overview.Runs.FirstOrDefault(r => r.Id == runId))
            ?? throw new UnknownTargetException(runId.Length == 0 ? "No run yet." : $"No run {runId}.");
        return Results.Ok(new WidgetView(run.Name, run.State, run.Done, run.Tasks, WidgetState(run.State)));
    }

    private static string WidgetState(string state) => state switch
    {
        "Done" => "done",
        "Failed" or "Stopped" => "failed",
        _ => "running",
    };

    private static TaskQuery ParseQuery(string name, IQueryCollection query)
    {
        var state = query["state"].ToString() is { Length: > 0 } s ? s : null;
        if (state is not null && !Enum.TryParse<TaskState>(state, ignoreCase: true, out _))
        {
            throw new ArgumentException($"state must be one of {string.Join(", ", Enum.GetNames<TaskState>())}.");
        }

        var prefix = query["hash"].ToString() is { Length: > 0 } h ? h : null;
        if (prefix is not null && (prefix.Length > 64 || !prefix.All(char.IsAsciiHexDigit)))
        {
            throw new ArgumentException("hash must be a prefix of a task hash: up to 64 hex digits.");
        }

        var page = Number(query, "page", 1, 1, int.MaxValue);
        var size = Number(query, "pageSize", 100, 1, MaxPageSize);
        if ((long)(page - 1) * size > int.MaxValue)
        {
            throw new ArgumentException("page is past the end of any list.");
        }

        return new TaskQuery(name, state, prefix, page, size);
    }

    private static int Number(IQueryCollection query, string key, int fallback, int min, int max)
    {
        var text = query[key].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{key} must be a whole number from {min} to {max}.");
    }

    private static TaskHash ParseHash(string text) =>
        TaskHash.TryParse(text, out var hash) ? hash : throw new ArgumentException("A task hash is 64 hex digits.");

    /// <summary>The widget's figures.</summary>
    /// <param name="Label">What it shows (run or task name).</param>
    /// <param name="State">The run's or task's state.</param>
    /// <param name="Done">Tasks done.</param>
    /// <param name="Total">Tasks in all.</param>
    /// <param name="Status"><c>running</c>, <c>done</c> (green) or <c>failed</c> (red).</param>
    internal sealed record WidgetView(string Label, string State, int Done, int Total, string Status);
}
