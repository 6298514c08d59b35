using System.Net;
using System.Net.Sockets;
using Jug.Cloud.Cli.Tests.EndToEnd;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Redis;
using Jug.Cloud.Stores.Tests.Integration;

namespace Jug.Cloud.Deploy.Tests;

/// <summary>A cluster of its own in the test Redis, the primes example submitted to it from the host, and what its silos ran.</summary>
public sealed class ClusterCheck : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-deploy-");

    public ClusterCheck(string redis)
    {
        var prefix = Guid.NewGuid().ToString("n")[..12];
        Cluster = $"{redis}?cluster=deploy-{prefix}";
        Jugdir = $"{redis}?prefix=deploy-{prefix}:";
        File.Copy(Path.Combine(TestServices.RepositoryRoot, "examples", "primes", "jugfile.cs"), Path.Combine(_work.FullName, "jugfile.cs"));
    }

    public string Cluster { get; }

    /// <summary>The results, in the same Redis: silos in containers and the host both reach it.</summary>
    public string Jugdir { get; }

    public string Work => _work.FullName;

    /// <summary>Ports free on loopback now (the containers share the host's network).</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    /// <summary>Submits the primes example, waits, and checks that its 100 tasks ran and that 25 numbers in 2..100 are prime.</summary>
    public async Task SubmitPrimesAsync(string silosLog)
    {
        var submit = await CliRunner.RunAsync(Work, "submit", "jugfile.cs", "--cluster", Cluster, "--jugdir", Jugdir, "--wait");
        Assert.True(submit.ExitCode == 0, $"{submit}\n{silosLog}");
        Assert.Contains("Executed 100 tasks (0 already done, 0 failed)", submit.Output, StringComparison.Ordinal);

        var shell = await CliRunner.RunWithInputAsync(Work, "Value(GetFilteredTasks(\"Primes.CountPrimes\").Single())\n", "shell", "jugfile.cs", "--jugdir", Jugdir);
        Assert.True(shell.ExitCode == 0, shell.ToString());
        Assert.Equal("25", shell.Output.Trim());
    }

    /// <summary>The silos the run log names as having run tasks.</summary>
    public async Task<IReadOnlySet<string>> WorkersAsync()
    {
        await using var store = new StoreRegistry().AddRedisStore().Open(Jugdir);
        return (await store.ListRunsAsync().ToListAsync()).Where(r => r.Succeeded).Select(r => r.Worker).ToHashSet();
    }

    public void Dispose() => _work.Delete(recursive: true);
}
