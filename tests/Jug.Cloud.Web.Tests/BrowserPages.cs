using System.Diagnostics;
using Microsoft.Playwright;

namespace Jug.Cloud.Web.Tests;

/// <summary>Debian's chromium driven by Playwright (its own browser download is not reachable), and where screenshots go.</summary>
public static class BrowserPages
{
    /// <summary>How long a page may take to show what a test waits for, in milliseconds.</summary>
    public const float Timeout = 60_000;

    /// <summary>Launches headless chromium.</summary>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium(),
            Headless = true,
            Args = ["--no-sandbox"],
        });

    /// <summary>The path of a screenshot in docs/guide/images.</summary>
    public static string Screenshot(string name)
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "Jug.Cloud.sln")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("The repository root was not found.");
        }

        var images = Path.Combine(directory, "docs", "guide", "images");
        Directory.CreateDirectory(images);
        return Path.Combine(images, name);
    }

    /// <summary>Waits until the element <paramref name="selector"/> contains <paramref name="text"/>.</summary>
    public static async Task WaitForTextAsync(IPage page, string selector, string text)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "([s, t]) => (document.querySelector(s)?.textContent ?? '').includes(t)",
                new object[] { selector, text },
                new PageWaitForFunctionOptions { Timeout = Timeout });
        }
        catch (TimeoutException e)
        {
            // What the page showed instead says more than the timeout.
            var shown = await page.EvaluateAsync<string>("() => document.body?.innerText ?? ''");
            throw new TimeoutException($"'{selector}' never contained '{text}' at {page.Url}; the page showed:\n{shown}", e);
        }
    }

    private static string Chromium()
    {
        using var which = Process.Start(new ProcessStartInfo("sh", "-c \"command -v chromium\"") { RedirectStandardOutput = true })!;
        var path = which.StandardOutput.ReadToEnd().Trim();
        which.WaitForExit();
        return path.Length > 0 ? path : throw new InvalidOperationException("chromium is not installed (apt-get install -y chromium; infra/test.sh does).");
    }
}
