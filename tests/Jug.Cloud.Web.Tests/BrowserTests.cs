using Jug.Cloud.Stores.File;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using static Jug.Cloud.Web.Tests.BrowserPages;
using static Jug.Cloud.Jug;

namespace Jug.Cloud.Web.Tests;

/// <summary>The page in Debian's chromium, driven by Playwright; screenshots go to docs/guide/images.</summary>
[Trait("Category", "Browser")]
public sealed class BrowserTests
{
    [Fact]
    public async Task The_overview_moves_during_a_run_a_failed_task_shows_its_stack_trace_and_retry_makes_it_done()
    {
        var tag = Guid.NewGuid().ToString("n");
        WebTasks.FailWhile(tag, true);
        TaskHandle<long> failed = null!;
        var graph = WebFixture.Build(() =>
        {
            var gated = Enumerable.Range(1, 4).Select(i => Task(WebTasks.Gated, tag, (long)i)).ToList();
            Task(WebTasks.Sum, gated);
            failed = Task(WebTasks.Boom, tag, 7L);
        });
        var root = Directory.CreateTempSubdirectory("jugcloud-web-").FullName;
        await using var web = await WebFixture.StartAsync(graph, new FileJugStore(new FileStoreOptions { Root = root }));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 800 } });
        await page.GotoAsync(web.Server.Address.ToString());
        await WaitForTextAsync(page, "#total-done", "0");

        var run = web.RunAsync();
        await WaitForTextAsync(page, "#total-running", "2");
        WebTasks.Release(tag, 2);
        await WaitForTextAsync(page, "#total-done", "2");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("web-overview.png"), FullPage = true });

        await page.GotoAsync(web.Server.Address + "#/workers");
        await page.WaitForSelectorAsync("#workers .slot", new PageWaitForSelectorOptions { Timeout = BrowserPages.Timeout });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("web-workers.png"), FullPage = true });

        WebTasks.Release(tag, 2);
        await run;
        await page.GotoAsync(web.Server.Address + $"#/task/{failed.Hash}");
        await WaitForTextAsync(page, "#stack-trace", $"boom {tag}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("web-task.png"), FullPage = true });

        WebTasks.FailWhile(tag, false);
        await page.ClickAsync("#retry-task");
        await WaitForTextAsync(page, "#message", "cleared");
        await web.RunAsync();
        await WaitForTextAsync(page, "#task-state", "Done");
        await page.GotoAsync(web.Server.Address + "#/actions");
        await WaitForTextAsync(page, "#action-log", "retry");
    }

    [Fact]
    public async Task The_widget_on_a_page_of_another_origin_turns_green_when_the_run_is_done()
    {
        var tag = Guid.NewGuid().ToString("n");
        var graph = WebFixture.Build(() => Task(WebTasks.Sum, Enumerable.Range(1, 3).Select(i => Task(WebTasks.Gated, tag, (long)i)).ToList()));
        await using var host = await StartEmbeddingPageAsync();
        var origin = host.Urls.First().TrimEnd('/');
        await using var web = await WebFixture.StartAsync(graph, new Stores.Memory.MemoryJugStore(), o => o.AllowedOrigins.Add(origin));
        EmbeddingPage = $"<!doctype html><html><body><h1>My job</h1><script src=\"{web.Server.Address}widget.js\"></script></body></html>";
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        var run = web.RunAsync();
        await page.GotoAsync(origin + "/");
        await page.WaitForSelectorAsync(".jugcloud-widget[data-status=running]", new PageWaitForSelectorOptions { Timeout = BrowserPages.Timeout });
        WebTasks.Release(tag, 3);
        await run;

        await page.WaitForSelectorAsync(".jugcloud-widget[data-status=done]", new PageWaitForSelectorOptions { Timeout = BrowserPages.Timeout });
        Assert.Contains("4/4", await page.InnerTextAsync(".jugcloud-widget"));
    }

    private static string EmbeddingPage { get; set; } = "";

    private static async Task<WebApplication> StartEmbeddingPageAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/", () => Results.Content(EmbeddingPage, "text/html"));
        await app.StartAsync();
        return app;
    }
}
