using System.Text.RegularExpressions;
using Jug.Cloud.Cluster.Contracts;
using Microsoft.Playwright;
using static Jug.Cloud.Jug;
using static Jug.Cloud.Web.Tests.BrowserPages;

namespace Jug.Cloud.Web.Tests;

/// <summary>The cluster's page in Debian's chromium: two silos, a task that always fails, retried from the page.</summary>
[Trait("Category", "Browser")]
public sealed class ClusterBrowserTests
{
    [Fact]
    public async Task The_failures_page_shows_the_stack_trace_and_retry_all_runs_it_three_more_times_and_is_listed()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var cluster = await TwoSiloCluster.StartAsync(timeout.Token);
        TaskHandle<long>? failing = null;
        var graph = WebFixture.Build(() =>
        {
            _ = Enumerable.Range(1, 6).Select(i => Task(ClusterTasks.Square, (long)i)).ToList();
            failing = Task(ClusterTasks.AlwaysFails, 9L);
        });
        Assert.False((await cluster.RunAsync(graph, "browser-retry", timeout.Token)).Succeeded);
        var hash = failing!.Task.Hash;
        Assert.Equal(3, await cluster.FailedAttemptsAsync(hash, timeout.Token));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 800 } });
        await page.GotoAsync($"{cluster.Page}?token={TwoSiloCluster.WriteToken}#/workers");
        await WaitForTextAsync(page, "#workers", "silo-b");
        Assert.Contains("silo-a", await page.InnerTextAsync("#workers"), StringComparison.Ordinal);

        await page.GotoAsync($"{cluster.Page}?token={TwoSiloCluster.WriteToken}#/failures");
        await WaitForTextAsync(page, "main", "always fails 9");
        var trace = await page.TextContentAsync(".stack-trace") ?? "";
        Assert.Contains("ClusterTasks.AlwaysFails", trace, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", trace, StringComparison.Ordinal);
        await page.ClickAsync("details.stack summary");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("web-failures.png"), FullPage = true });

        await page.ClickAsync("#retry-all");
        await WaitForTextAsync(page, "#message", "runs them again");
        var runId = Regex.Match(await page.TextContentAsync("#message") ?? "", "run ([0-9a-f]{16}) runs them again").Groups[1].Value;
        Assert.NotEqual("", runId);
        Assert.Equal(RunState.Failed, (await cluster.WaitOverAsync(runId, timeout.Token)).State);
        Assert.Equal(6, await cluster.FailedAttemptsAsync(hash, timeout.Token));

        await page.GotoAsync($"{cluster.Page}?token={TwoSiloCluster.WriteToken}#/actions");
        await WaitForTextAsync(page, "#action-log", "retry");
        Assert.Contains(runId, await page.InnerTextAsync("#action-log"), StringComparison.Ordinal);
    }
}
