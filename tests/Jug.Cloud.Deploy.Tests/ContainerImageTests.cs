using Jug.Cloud.Deploy.Tests.Docker;
using Xunit.Abstractions;

namespace Jug.Cloud.Deploy.Tests;

/// <summary>The image built from the repository's Dockerfile runs silos that join a cluster and run a graph submitted from the host.</summary>
[Collection(DockerCollection.Name)]
[Trait("Category", "Container")]
public sealed class ContainerImageTests(DockerHost docker, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    private readonly ClusterCheck _cluster = new(docker.Redis);

    [DockerFact]
    public async Task Two_silo_containers_run_the_primes_example_turn_healthy_and_drain_on_stop()
    {
        var names = new List<string>();
        foreach (var silo in new[] { "container-a", "container-b" })
        {
            var ports = ClusterCheck.FreePorts(3);
            // As a user runs it: options through JUGCLOUD_* variables, the advertised address among them.
            names.Add(await docker.RunAsync($"{silo}-{Guid.NewGuid():n}"[..24],
                [
                    "-e", $"JUGCLOUD_CLUSTER={_cluster.Cluster}", "-e", $"JUGCLOUD_JUGDIR={_cluster.Jugdir}",
                    "-e", "JUGCLOUD_ADDRESS=127.0.0.1", "-e", $"JUGCLOUD_NAME={silo}", "-e", $"HEALTHCHECK_PORT={ports[2]}",
                ],
                ["silo", "--slots", "2", "--port", $"{ports[0]}", "--gateway-port", $"{ports[1]}", "--web", $"{ports[2]}"]));
        }

        foreach (var name in names)
        {
            await DockerHost.WaitForLogAsync(name, "joined cluster", Deadline);
        }

        await _cluster.SubmitPrimesAsync(await LogsAsync(names));
        var workers = await _cluster.WorkersAsync();
        Assert.True(workers.SetEquals(["container-a", "container-b"]), string.Join(", ", workers));

        foreach (var name in names)
        {
            var healthy = await Commands.WaitUntilAsync(async () =>
                (await DockerHost.DockerAsync(Deadline, "inspect", "-f", "{{.State.Health.Status}}", name)).Output.Trim() == "healthy", Deadline);
            Assert.True(healthy, $"{name} did not turn healthy:\n{(await DockerHost.DockerAsync(Deadline, "inspect", "-f", "{{json .State.Health}}", name)).Output}");
        }

        // docker stop sends SIGTERM to jugcloud (the entrypoint, in exec form): the silo drains and leaves.
        foreach (var name in names)
        {
            var stop = await DockerHost.DockerAsync(Deadline, "stop", "--time", "90", name);
            Assert.True(stop.ExitCode == 0, stop.ToString());
            Assert.Contains("drained and left cluster", await DockerHost.LogsAsync(name), StringComparison.Ordinal);
        }

        var size = long.Parse((await DockerHost.DockerAsync(Deadline, "image", "inspect", "-f", "{{.Size}}", docker.Image)).Output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"image {docker.Image}: {size / 1e6:F0} MB, built in {docker.BuildTime.TotalSeconds:F0} s");
        Assert.InRange(size, 50_000_000, 1_000_000_000);
    }

    private static async Task<string> LogsAsync(IEnumerable<string> names) =>
        string.Join("\n", await Task.WhenAll(names.Select(async n => $"--- {n}\n{await DockerHost.LogsAsync(n)}")));

    public void Dispose() => _cluster.Dispose();
}
