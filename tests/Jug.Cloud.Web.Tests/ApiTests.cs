using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jug.Cloud.Stores.Memory;
using static Jug.Cloud.Jug;

namespace Jug.Cloud.Web.Tests;

[Trait("Category", "Web")]
public sealed class ApiTests
{
    private static async Task<(WebFixture Web, TaskHandle<long> Failed, TaskHandle<long> Total)> FailedRunAsync(Action<Access.WebStatusOptions>? access = null)
    {
        var tag = Guid.NewGuid().ToString("n");
        WebTasks.FailWhile(tag, true);
        TaskHandle<long> failed = null!, total = null!;
        var graph = WebFixture.Build(() =>
        {
            var squares = Enumerable.Range(1, 3).Select(i => Task(WebTasks.Square, (long)i)).ToList();
            total = Task(WebTasks.Sum, squares);
            failed = Task(WebTasks.Boom, tag, 7L);
        });
        var web = await WebFixture.StartAsync(graph, new MemoryJugStore(), access);
        await web.RunAsync();
        return (web, failed, total);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task The_overview_counts_tasks_by_state_and_a_failed_task_shows_its_stack_trace_and_provenance()
    {
        var (web, failed, _) = await FailedRunAsync();
        await using var _ = web;

        var overview = await JsonAsync(await web.Client.GetAsync("api/overview"));
        Assert.Equal(4, overview.GetProperty("total").GetProperty("done").GetInt32());
        Assert.Equal(1, overview.GetProperty("total").GetProperty("failed").GetInt32());
        Assert.Equal(1, overview.GetProperty("failuresLastHour").GetInt32());

        var task = await JsonAsync(await web.Client.GetAsync($"api/tasks/{failed.Hash}"));
        Assert.Equal("Failed", task.GetProperty("state").GetString());
        Assert.Contains("boom", task.GetProperty("failure").GetProperty("stackTrace").GetString());
        Assert.Contains("= 7", task.GetProperty("provenance").GetString());

        var groups = await JsonAsync(await web.Client.GetAsync("api/failures"));
        var group = Assert.Single(groups.EnumerateArray());
        Assert.Equal(typeof(InvalidOperationException).FullName, group.GetProperty("exceptionType").GetString());

        var page = await JsonAsync(await web.Client.GetAsync($"api/names/{Uri.EscapeDataString(failed.Task.Name)}/tasks?state=failed&hash={failed.Hash.ToString()[..6]}"));
        Assert.Equal(failed.Hash.ToString(), Assert.Single(page.GetProperty("tasks").EnumerateArray()).GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Retry_clears_a_failure_so_the_next_execute_runs_it_and_the_action_is_recorded()
    {
        var (web, failed, _) = await FailedRunAsync();
        await using var _ = web;
        var tag = ((Graph.ValueArgument)failed.Task.Arguments[0]).Value as string;
        WebTasks.FailWhile(tag!, false);

        using var retry = new HttpRequestMessage(HttpMethod.Post, $"api/actions/retry?task={failed.Hash}");
        retry.Headers.Add("X-JugCloud-Action", "1");
        var response = await web.Client.SendAsync(retry);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await web.Store.GetFailureAsync(failed.Hash));

        await web.RunAsync();
        var task = await JsonAsync(await web.Client.GetAsync($"api/tasks/{failed.Hash}"));
        Assert.Equal("Done", task.GetProperty("state").GetString());
        var log = await JsonAsync(await web.Client.GetAsync("api/actions"));
        Assert.Equal("retry", Assert.Single(log.EnumerateArray()).GetProperty("action").GetString());
    }

    [Fact]
    public async Task Invalidate_previews_what_it_removes_downstream_then_removes_it()
    {
        var (web, _, total) = await FailedRunAsync();
        await using var _ = web;
        var square = total.Task.Dependencies[0];

        var preview = await JsonAsync(await web.Client.GetAsync($"api/actions/invalidate/preview?task={square.Hash}"));
        Assert.Equal((2, 2), (preview.GetProperty("tasks").GetInt32(), preview.GetProperty("results").GetInt32()));
        Assert.NotNull(await web.Store.GetAsync(total.Hash));

        using var invalidate = new HttpRequestMessage(HttpMethod.Post, $"api/actions/invalidate?task={square.Hash}");
        invalidate.Headers.Add("X-JugCloud-Action", "1");
        Assert.Equal(HttpStatusCode.OK, (await web.Client.SendAsync(invalidate)).StatusCode);
        Assert.Null(await web.Store.GetAsync(total.Hash));
        Assert.Null(await web.Store.GetAsync(square.Hash));
    }

    [Fact]
    public async Task Healthz_answers_ok_without_a_token_and_says_nothing_else()
    {
        var (web, _, _) = await FailedRunAsync(o => o.ReadToken = "read-secret");
        await using var _ = web;

        var response = await web.Client.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.Client.GetAsync("api/overview")).StatusCode);
    }

    [Fact]
    public async Task Without_a_token_a_request_gets_401_a_read_token_reads_and_cannot_act_and_the_write_token_acts()
    {
        var (web, _, _) = await FailedRunAsync(o =>
        {
            o.ReadToken = "read-secret";
            o.WriteToken = "write-secret";
        });
        await using var _ = web;

        Assert.Equal(HttpStatusCode.Unauthorized, (await web.Client.GetAsync("")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.Client.GetAsync("api/overview?token=wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("?token=read-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("widget.js")).StatusCode);

        async Task<HttpStatusCode> PostAsync(string? token, bool header)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/actions/remove-stale-locks");
            if (token is not null)
            {
                request.Headers.Authorization = new("Bearer", token);
            }

            if (header)
            {
                request.Headers.Add("X-JugCloud-Action", "1");
            }

            return (await web.Client.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(null, true));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync("read-secret", true));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync("write-secret", false));
        Assert.Equal(HttpStatusCode.OK, await PostAsync("write-secret", true));
    }

    [Fact]
    public async Task A_read_only_page_refuses_every_action()
    {
        var (web, failed, _) = await FailedRunAsync(o => o.ReadOnly = true);
        await using var _ = web;
        using var retry = new HttpRequestMessage(HttpMethod.Post, $"api/actions/retry?task={failed.Hash}");
        retry.Headers.Add("X-JugCloud-Action", "1");

        Assert.Equal(HttpStatusCode.Forbidden, (await web.Client.SendAsync(retry)).StatusCode);
        Assert.NotNull(await web.Store.GetFailureAsync(failed.Hash));
    }

    [Theory]
    [InlineData("api/tasks/not-a-hash", HttpStatusCode.BadRequest)]
    [InlineData("api/tasks/0000000000000000000000000000000000000000000000000000000000000000", HttpStatusCode.NotFound)]
    [InlineData("api/names/Nobody/tasks", HttpStatusCode.NotFound)]
    [InlineData("api/names/X/tasks?pageSize=-1", HttpStatusCode.BadRequest)]
    [InlineData("api/names/X/tasks?page=abc", HttpStatusCode.BadRequest)]
    [InlineData("api/names/X/tasks?state=Sleeping", HttpStatusCode.BadRequest)]
    [InlineData("api/names/X/tasks?hash=xyz", HttpStatusCode.BadRequest)]
    [InlineData("api/widget?run=nope", HttpStatusCode.NotFound)]
    public async Task Bad_input_gets_a_4xx_with_a_one_line_json_error_and_no_stack_trace(string path, HttpStatusCode expected)
    {
        var (web, _, _) = await FailedRunAsync();
        await using var _ = web;

        var response = await web.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.DoesNotContain('\n', text);
        Assert.DoesNotContain(" at ", text);
    }

    [Fact]
    public async Task A_huge_query_string_gets_a_4xx_without_a_stack_trace_and_a_10_MB_one_never_reaches_a_handler()
    {
        var (web, _, _) = await FailedRunAsync();
        await using var _ = web;

        var response = await web.Client.GetAsync("api/overview?q=" + new string('x', 100 * 1024));
        var text = await response.Content.ReadAsStringAsync();
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.DoesNotContain(" at ", text);

        // Kestrel answers 414 and closes while 10 MB are still being sent: the client sees either.
        try
        {
            var huge = await web.Client.GetAsync("api/overview?q=" + new string('x', 10 * 1024 * 1024));
            Assert.InRange((int)huge.StatusCode, 400, 499);
        }
        catch (HttpRequestException e) when (e.InnerException is IOException)
        {
        }
    }

    [Fact]
    public async Task Secrets_in_what_a_request_echoes_are_redacted()
    {
        var (web, _, _) = await FailedRunAsync();
        await using var _ = web;

        var response = await web.Client.GetAsync("api/names/" + Uri.EscapeDataString("redis://admin:hunter2secret@db:6379") + "/tasks");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("db:6379", text);
        Assert.DoesNotContain("hunter2secret", text);
    }

    [Fact]
    public async Task Only_listed_origins_may_read_the_api_from_a_browser()
    {
        var (web, _, _) = await FailedRunAsync(o => o.AllowedOrigins.Add("http://allowed.example:8080"));
        await using var _ = web;

        async Task<string?> AllowedOriginAsync(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/widget");
            request.Headers.Add("Origin", origin);
            var response = await web.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
        }

        Assert.Equal("http://allowed.example:8080", await AllowedOriginAsync("http://allowed.example:8080"));
        Assert.Null(await AllowedOriginAsync("http://evil.example"));
        var widget = await web.Client.GetFromJsonAsync<JsonElement>("api/widget");
        Assert.Equal("failed", widget.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Listening_beyond_loopback_without_a_token_is_refused()
    {
        var settings = new Hosting.WebServerSettings { Address = IPAddress.Any };
        var error = Assert.Throws<ArgumentException>(settings.CheckClosed);
        Assert.Contains("token", error.Message);
        new Hosting.WebServerSettings { Address = IPAddress.Any, Access = o => o.ReadToken = "t" }.CheckClosed();
        await System.Threading.Tasks.Task.CompletedTask;
    }
}
