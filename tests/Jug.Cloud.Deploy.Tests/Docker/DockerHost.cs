using System.Diagnostics;
using Jug.Cloud.Stores.Tests.Integration;

namespace Jug.Cloud.Deploy.Tests.Docker;

/// <summary>
/// Docker and the jugcloud image, once for every container test: the local base images from
/// <c>infra/docker.sh</c> (JUGCLOUD_TEST_DOCKER_* when infra/test.sh started it, otherwise started
/// here and stopped at the end), the image built from the repository's real Dockerfile with them, and
/// a Redis on loopback (JUGCLOUD_TEST_REDIS, or started here with infra/services.sh). Containers run
/// with <c>--network host</c>, so everything stays on loopback.
/// </summary>
public sealed class DockerHost : IAsyncLifetime
{
    private readonly List<string> _containers = [];
    private string? _dockerState;
    private string? _servicesState;

    /// <summary>The image built from the Dockerfile.</summary>
    public string Image { get; } = "jugcloud-test:" + Guid.NewGuid().ToString("n")[..8];

    public string Redis { get; private set; } = "";

    /// <summary>How long the image took to build (the base images were cached or built before).</summary>
    public TimeSpan BuildTime { get; private set; }

    public async Task InitializeAsync()
    {
        var sdk = Environment.GetEnvironmentVariable("JUGCLOUD_TEST_DOCKER_SDK_IMAGE");
        var runtime = Environment.GetEnvironmentVariable("JUGCLOUD_TEST_DOCKER_RUNTIME_IMAGE");
        if (string.IsNullOrEmpty(sdk) || string.IsNullOrEmpty(runtime))
        {
            _dockerState = Directory.CreateTempSubdirectory("jugcloud-test-docker-").FullName;
            var exports = await Script("docker.sh", "start", "--state", _dockerState);
            var values = Exports(exports);
            if (values.TryGetValue("JUGCLOUD_TEST_DOCKER_UNAVAILABLE", out var reason))
            {
                throw new InvalidOperationException($"Docker cannot run here: {reason}");
            }

            sdk = values["JUGCLOUD_TEST_DOCKER_SDK_IMAGE"];
            runtime = values["JUGCLOUD_TEST_DOCKER_RUNTIME_IMAGE"];
        }

        Redis = Environment.GetEnvironmentVariable("JUGCLOUD_TEST_REDIS") ?? "";
        if (Redis.Length == 0)
        {
            _servicesState = Directory.CreateTempSubdirectory("jugcloud-test-services-").FullName;
            Redis = Exports(await Script("services.sh", "start", "--only", "redis", "--state", _servicesState))["JUGCLOUD_TEST_REDIS"];
        }

        var clock = Stopwatch.StartNew();
        var build = await DockerAsync(TimeSpan.FromMinutes(20),
            // Without ReadyToRun code: the slowest part of the build, and only a start-up optimization.
            "build", "--network", "host", "--build-arg", $"SDK_IMAGE={sdk}", "--build-arg", $"RUNTIME_IMAGE={runtime}", "--build-arg", "READY_TO_RUN=false",
            "-t", Image, TestServices.RepositoryRoot);
        BuildTime = clock.Elapsed;
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker build failed:\n{build}");
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var name in _containers)
        {
            await DockerAsync(TimeSpan.FromMinutes(2), "rm", "-f", name);
        }

        await DockerAsync(TimeSpan.FromMinutes(2), "rmi", "-f", Image);
        if (_servicesState is not null)
        {
            await Script("services.sh", "stop", "--state", _servicesState);
        }

        if (_dockerState is not null)
        {
            await Script("docker.sh", "stop", "--state", _dockerState);
        }
    }

    /// <summary>Runs a container in the background with <c>--network host</c>; removed when the tests end.</summary>
    public async Task<string> RunAsync(string name, IEnumerable<string> options, IEnumerable<string> command)
    {
        lock (_containers)
        {
            _containers.Add(name);
        }

        var run = await DockerAsync(TimeSpan.FromMinutes(2), ["run", "-d", "--name", name, "--network", "host", .. options, Image, .. command]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return name;
    }

    /// <summary>Waits until the container has printed <paramref name="text"/>; fails with its log if it stops or the deadline passes.</summary>
    public static async Task WaitForLogAsync(string name, string text, TimeSpan deadline)
    {
        string log = "";
        var seen = await Commands.WaitUntilAsync(async () =>
        {
            var logs = await DockerAsync(TimeSpan.FromMinutes(1), "logs", name);
            log = logs.Output + logs.Error;
            if (log.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            var running = await DockerAsync(TimeSpan.FromMinutes(1), "inspect", "-f", "{{.State.Running}}", name);
            Assert.True(running.Output.Trim() == "true", $"container {name} stopped before printing '{text}':\n{log}");
            return false;
        }, deadline);
        Assert.True(seen, $"container {name} did not print '{text}' within {deadline}:\n{log}");
    }

    public static async Task<string> LogsAsync(string name)
    {
        var logs = await DockerAsync(TimeSpan.FromMinutes(1), "logs", name);
        return logs.Output + logs.Error;
    }

    public static Task<CommandResult> DockerAsync(TimeSpan deadline, params string[] arguments) =>
        Commands.RunAsync("docker", arguments, deadline);

    private static async Task<string> Script(string script, params string[] arguments)
    {
        var result = await Commands.RunAsync("bash", [Path.Combine(TestServices.RepositoryRoot, "infra", script), .. arguments], TimeSpan.FromMinutes(15));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} failed:\n{result}");
        }

        return result.Output;
    }

    /// <summary>Reads <c>export A=x B='y'</c> lines.</summary>
    private static Dictionary<string, string> Exports(string text)
    {
        var values = new Dictionary<string, string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith("export ", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var assignment in line["export ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = assignment.IndexOf('=', StringComparison.Ordinal);
                values[assignment[..equals]] = assignment[(equals + 1)..].Trim('\'');
            }
        }

        return values;
    }
}

[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerHost>
{
    public const string Name = "Docker";
}
