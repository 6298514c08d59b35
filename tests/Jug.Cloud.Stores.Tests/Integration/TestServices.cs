using System.Diagnostics;

namespace Jug.Cloud.Stores.Tests.Integration;

/// <summary>
/// The real servers the integration tests run against. Endpoints come from JUGCLOUD_TEST_REDIS,
/// JUGCLOUD_TEST_S3 and JUGCLOUD_TEST_AZURE (as <c>infra/services.sh start</c> prints them); whatever
/// is missing is started here with infra/services.sh in a state directory of its own, and exactly
/// that is stopped when the tests end.
/// </summary>
public sealed class TestServices : IAsyncLifetime
{
    private string? _ownState;

    /// <summary>The repository root (where Jug.Cloud.sln is).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public string Redis { get; private set; } = "";

    /// <summary>An <c>s3://bucket?endpoint=…&amp;region=…</c> URI; credentials are in the AWS environment variables.</summary>
    public string S3 { get; private set; } = "";

    /// <summary>An Azure Storage connection string.</summary>
    public string Azure { get; private set; } = "";

    /// <summary>Where the s3rver under test keeps its buckets, if services.sh started it with a known state directory.</summary>
    public string? S3DataDirectory =>
        new[] { Environment.GetEnvironmentVariable("JUGCLOUD_TEST_SERVICES_STATE"), _ownState }
            .Select(state => state is null ? null : Path.Combine(state, "s3rver.data"))
            .Where(System.IO.File.Exists)
            .Select(file => System.IO.File.ReadAllText(file!).Trim())
            .FirstOrDefault();

    /// <summary>The services.sh state directory that started Redis, if known (needed to restart it).</summary>
    public string? RedisState { get; private set; }

    public async Task InitializeAsync()
    {
        Redis = Environment.GetEnvironmentVariable("JUGCLOUD_TEST_REDIS") ?? "";
        S3 = Environment.GetEnvironmentVariable("JUGCLOUD_TEST_S3") ?? "";
        Azure = Environment.GetEnvironmentVariable("JUGCLOUD_TEST_AZURE") ?? "";
        RedisState = Environment.GetEnvironmentVariable("JUGCLOUD_TEST_SERVICES_STATE");
        var missing = new List<string>();
        if (Redis.Length == 0)
        {
            missing.Add("redis");
        }

        if (S3.Length == 0)
        {
            missing.Add("s3rver");
        }

        if (Azure.Length == 0)
        {
            missing.Add("azurite");
        }

        if (missing.Count == 0)
        {
            return;
        }

        _ownState = Directory.CreateTempSubdirectory("jugcloud-test-services-").FullName;
        var exports = await RunAsync("start", "--only", string.Join(',', missing), "--state", _ownState);
        foreach (var (name, value) in Parse(exports))
        {
            switch (name)
            {
                case "JUGCLOUD_TEST_REDIS":
                    Redis = value;
                    RedisState = _ownState;
                    break;
                case "JUGCLOUD_TEST_S3":
                    S3 = value;
                    break;
                case "JUGCLOUD_TEST_AZURE":
                    Azure = value;
                    break;
                default:
                    Environment.SetEnvironmentVariable(name, value); // AWS credentials for the SDK's default chain
                    break;
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_ownState is not null)
        {
            await RunAsync("stop", "--state", _ownState);
        }
    }

    /// <summary>Runs <c>bash infra/services.sh</c> with <paramref name="arguments"/>; returns its standard output.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "infra", "services.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"services.sh {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }

    /// <summary>Reads <c>export A=x B='y'</c> lines.</summary>
    private static IEnumerable<(string Name, string Value)> Parse(string exports)
    {
        foreach (var line in exports.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith("export ", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var assignment in line["export ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = assignment.IndexOf('=', StringComparison.Ordinal);
                yield return (assignment[..equals], assignment[(equals + 1)..].Trim('\''));
            }
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "Jug.Cloud.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Jug.Cloud.sln not found above the test assembly.");
    }
}

[CollectionDefinition(Name)]
public sealed class ServicesCollection : ICollectionFixture<TestServices>
{
    public const string Name = "Real servers";
}
