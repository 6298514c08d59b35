using System.Diagnostics;

namespace Jug.Cloud.Hosting.Tests;

/// <summary>
/// The Redis a cluster test meets in: JUGCLOUD_TEST_REDIS (as <c>infra/services.sh start</c> prints
/// it), else one started here with infra/services.sh and stopped when the test ends.
/// </summary>
public sealed class RedisService : IAsyncLifetime
{
    private string? _ownState;

    /// <summary>A <c>redis://host:port</c> URI.</summary>
    public string Redis { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Redis = Environment.GetEnvironmentVariable("JUGCLOUD_TEST_REDIS") ?? "";
        if (Redis.Length > 0)
        {
            return;
        }

        _ownState = Directory.CreateTempSubdirectory("jugcloud-hosting-services-").FullName;
        var exports = await ServicesAsync("start", "--only", "redis", "--state", _ownState);
        const string Export = "export JUGCLOUD_TEST_REDIS=";
        Redis = exports.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(Export, StringComparison.Ordinal))[Export.Length..].Trim('\'');
    }

    public async Task DisposeAsync()
    {
        if (_ownState is not null)
        {
            await ServicesAsync("stop", "--state", _ownState);
        }
    }

    private static async Task<string> ServicesAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "infra", "services.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"services.sh {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Jug.Cloud.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Jug.Cloud.sln not found above the test assembly.");
    }
}
