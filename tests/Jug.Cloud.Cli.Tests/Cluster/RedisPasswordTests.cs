using System.Diagnostics;
using Jug.Cloud.Cli.Tests.EndToEnd;

namespace Jug.Cloud.Cli.Tests.Cluster;

/// <summary>
/// A cluster whose Redis requires a password, used for both the cluster (membership, grain state) and
/// the store: the run completes, and the known password appears in no output of any process. Once
/// with Redis' default user and a password on plain TCP, once over TLS only (<c>rediss://</c>, the
/// test CA trusted by <c>ca=</c>) as an ACL user whose default user is off.
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class RedisPasswordTests : IAsyncLifetime, IDisposable
{
    private const string Password = "Known-pw-4f8a1c";
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-redis-auth-");
    private SiloProcess? _silo;
    private string _redis = "";

    private string Work => _work.FullName;

    private string State => Path.Combine(Work, "services");

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task StartRedisAsync(bool tls)
    {
        string[] secure = tls ? ["--redis-tls", "--redis-user", $"jugclusteruser:{Password}"] : ["--redis-password", Password];
        var started = await ServicesAsync(["start", "--only", "redis", "--state", State, .. secure]);
        _redis = started.Split('\n').Single(l => l.StartsWith("export JUGCLOUD_TEST_REDIS=", StringComparison.Ordinal))["export JUGCLOUD_TEST_REDIS=".Length..].Trim();
        Assert.Contains($":{Password}@", _redis, StringComparison.Ordinal);
        Assert.StartsWith(tls ? "rediss://jugclusteruser:" : "redis://:", _redis, StringComparison.Ordinal);
    }

    /// <summary><see cref="_redis"/> with one more query parameter.</summary>
    private string With(string parameter) => $"{_redis}{(_redis.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{parameter}";

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await ServicesAsync("stop", "--state", State);
    }

    public void Dispose() => _work.Delete(recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_run_on_a_password_protected_redis_completes_and_no_output_holds_the_password(bool tls)
    {
        await StartRedisAsync(tls);
        var cluster = With("cluster=auth");
        var jugdir = With("prefix=auth:");
        Jugfiles.Write(Work, ClusterJugfiles.Squares);
        var outputs = new List<(string What, string Text)>();

        _silo = await SiloProcess.StartAsync(Work, cluster, jugdir, "silo-auth");
        var submit = await CliRunner.RunAsync(Work, "submit", "--cluster", cluster, "--jugdir", jugdir, "--wait", "jugfile.cs", "--", "30");
        outputs.Add(("submit", submit.ToString()));
        Assert.True(submit.ExitCode == 0, $"{submit}\n{_silo.Log}");
        Assert.Contains("Executed 31 tasks", submit.Output, StringComparison.Ordinal);

        var status = await CliRunner.RunAsync(Work, "status", "--cluster", cluster);
        outputs.Add(("status --cluster", status.ToString()));
        Assert.True(status.ExitCode == 0, status.ToString());
        var storeStatus = await CliRunner.RunAsync(Work, "status", "--jugdir", jugdir, "--short", "--verbose", "jugfile.cs", "--", "30");
        outputs.Add(("status --jugdir", storeStatus.ToString()));
        Assert.Contains("31 done", storeStatus.Output, StringComparison.Ordinal);
        var config = await CliRunner.RunAsync(Work, "config");
        outputs.Add(("config", config.ToString()));
        var wrong = await CliRunner.RunAsync(Work, "status", "--cluster", cluster.Replace(Password, "Wrong-" + Password[..6], StringComparison.Ordinal));
        outputs.Add(("status --cluster with a wrong password", wrong.ToString()));
        Assert.True(wrong.ExitCode != 0, wrong.ToString());
        Assert.DoesNotContain("Wrong-", wrong.ToString(), StringComparison.Ordinal);

        await _silo.DisposeAsync();
        outputs.Add(("silo", _silo.Log));
        _silo = null;
        Assert.Contains("joined cluster", outputs[^1].Text, StringComparison.Ordinal);
        foreach (var (what, text) in outputs)
        {
            Assert.False(text.Contains(Password, StringComparison.Ordinal), $"the password is in the output of {what}:\n{text}");
        }
    }

    private static async Task<string> ServicesAsync(params IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(CliRunner.RepositoryRoot, "infra", "services.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await error);
        return await output;
    }
}
