using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Jug.Cloud.Cli.Tests.EndToEnd;
using Jug.Cloud.Stores.Tests.Integration;

namespace Jug.Cloud.Cli.Tests.Cluster;

/// <summary>A cluster whose Redis is down, or whose Redis is up with no silo: said in one line, quickly, exit 2.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ClusterUnreachableTests : IAsyncLifetime, IDisposable
{
    /// <summary>Generous for a loaded machine; the commands aim at 5 s, and before they took 17 to 30.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly TestServices _services = new();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-cluster-unreachable-");

    private string Work => _work.FullName;

    private string Jugdir => Path.Combine(Work, "jugdir");

    /// <summary>A Redis address nothing listens at: a port taken from the system and given back.</summary>
    private static string DeadRedis
    {
        get
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return $"redis://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}?cluster=nobody";
        }
    }

    public Task InitializeAsync() => _services.InitializeAsync();

    public Task DisposeAsync() => _services.DisposeAsync();

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task A_silo_whose_redis_is_down_says_so_in_one_line()
    {
        var (result, took) = await TimedAsync("silo", "--cluster", DeadRedis, "--jugdir", Jugdir, "--name", "lonely");

        AssertOneLine(result, took, "is not reachable", "jugcloud: Redis at redis://127.0.0.1:");
    }

    [Fact]
    public async Task Status_and_submit_whose_redis_is_down_say_so_in_one_line()
    {
        Jugfiles.Write(Work, ClusterJugfiles.Sleepy);
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "status", "--short", "--jugdir", Jugdir)).ExitCode); // build once
        var redis = DeadRedis;

        var (status, statusTook) = await TimedAsync("status", "--cluster", redis, "--jugdir", Jugdir);
        AssertOneLine(status, statusTook, "is not reachable", "jugcloud: Redis at redis://127.0.0.1:");
        var (submit, submitTook) = await TimedAsync("submit", "--cluster", redis, "--jugdir", Jugdir);
        AssertOneLine(submit, submitTook, "is not reachable", "jugcloud: Redis at redis://127.0.0.1:");
    }

    [Fact]
    public async Task Status_and_submit_with_redis_up_and_no_silo_say_no_silo_is_up()
    {
        Jugfiles.Write(Work, ClusterJugfiles.Sleepy);
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "status", "--short", "--jugdir", Jugdir)).ExitCode); // build once
        var cluster = $"{_services.Redis}?cluster=empty-{Guid.NewGuid():n}";

        var (status, statusTook) = await TimedAsync("status", "--cluster", cluster, "--jugdir", Jugdir);
        AssertOneLine(status, statusTook, "jugcloud: No silo is up in cluster 'empty-", "start one with 'jugcloud silo --cluster");
        var (submit, submitTook) = await TimedAsync("submit", "--cluster", cluster, "--jugdir", Jugdir);
        AssertOneLine(submit, submitTook, "jugcloud: No silo is up in cluster 'empty-", "start one with 'jugcloud silo --cluster");
    }

    private static void AssertOneLine(CliResult result, TimeSpan took, params string[] expected)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, result.ToString());
        Assert.All(expected, e => Assert.Contains(e, lines[0], StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", lines[0], StringComparison.Ordinal);
        Assert.True(took < Bound, $"took {took.TotalSeconds:0.#} s: {result}");
    }

    private async Task<(CliResult Result, TimeSpan Took)> TimedAsync(params string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        var result = await CliRunner.RunAsync(Work, arguments);
        return (result, clock.Elapsed);
    }
}
