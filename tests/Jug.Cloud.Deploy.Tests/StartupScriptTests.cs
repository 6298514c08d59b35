using Jug.Cloud.Deploy.Tests.Docker;

namespace Jug.Cloud.Deploy.Tests;

/// <summary>
/// The terraform modules' start-up scripts, rendered by terraform's own templatefile, boot silos that
/// join the cluster and run tasks. The "machine" is a container of the jugcloud image run as root
/// (docker cannot run inside it, so the scripts take their tool path: jugcloud already installed);
/// JUGCLOUD_ADDRESS stands in for the address a cloud's metadata server gives.
/// </summary>
[Collection(DockerCollection.Name)]
[Trait("Category", "Container")]
public sealed class StartupScriptTests(DockerHost docker) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    private readonly ClusterCheck _cluster = new(docker.Redis);

    [DockerFact]
    public async Task Gce_and_ec2_start_up_scripts_boot_silos_that_join_the_cluster_and_run_the_primes_example()
    {
        var names = new List<string>();
        foreach (var module in new[] { "gce", "ec2" })
        {
            var ports = ClusterCheck.FreePorts(3);
            var script = await Terraform.RenderAsync(module, new Dictionary<string, object>
            {
                ["cluster_uri"] = _cluster.Cluster,
                ["jugdir_uri"] = _cluster.Jugdir,
                ["image"] = docker.Image,
                ["slots"] = 2,
                ["silo_port"] = ports[0],
                ["gateway_port"] = ports[1],
                ["web_port"] = ports[2],
                ["web_address"] = "127.0.0.1",
                ["env_secret"] = "",
                ["extra_args"] = "--drain-timeout 10",
            });
            var path = Path.Combine(_cluster.Work, $"{module}.sh");
            await File.WriteAllTextAsync(path, script);
            names.Add(await docker.RunAsync($"{module}-vm-{Guid.NewGuid():n}"[..24],
                ["--user", "0", "--entrypoint", "bash", "-v", $"{path}:/startup.sh:ro", "-e", "JUGCLOUD_ADDRESS=127.0.0.1", "-e", $"JUGCLOUD_NAME={module}-vm"],
                ["/startup.sh"]));
        }

        foreach (var name in names)
        {
            await DockerHost.WaitForLogAsync(name, "joined cluster", Deadline);
        }

        var logs = string.Join("\n", await Task.WhenAll(names.Select(async n => $"--- {n}\n{await DockerHost.LogsAsync(n)}")));
        await _cluster.SubmitPrimesAsync(logs);
        var workers = await _cluster.WorkersAsync();
        Assert.True(workers.SetEquals(["gce-vm", "ec2-vm"]), string.Join(", ", workers));
    }

    public void Dispose() => _cluster.Dispose();
}
