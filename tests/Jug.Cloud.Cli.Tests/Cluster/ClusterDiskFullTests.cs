using System.Diagnostics;
using Jug.Cloud.Cli.Tests.EndToEnd;
using Jug.Cloud.Stores.Tests.Integration;

namespace Jug.Cloud.Cli.Tests.Cluster;

/// <summary>
/// A silo whose jugdir fills up mid-run: the run ends at once with one line saying why (it used to hang
/// with its tasks leased to a silo that could not store them), what was stored verifies, and once
/// there is room the same submit finishes the run.
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ClusterDiskFullTests : IAsyncLifetime, IDisposable
{
    private const int Tasks = 200;

    /// <summary>200 results of 16 KB of noise (about 3.2 MB, which does not compress) and their total.</summary>
    private const string Blocks = """
        var count = args.Length > 0 ? int.Parse(args[0]) : 200;
        var blocks = Enumerable.Range(0, count).Select(i => Task(Steps.Block, i)).ToList();
        Task(Steps.Total, blocks);

        public static class Steps
        {
            public static byte[] Block(int i)
            {
                var bytes = new byte[16 * 1024];
                new Random(i).NextBytes(bytes);
                return bytes;
            }

            public static long Total(IReadOnlyList<byte[]> blocks) => blocks.Sum(b => b.Sum(x => (long)x));
        }
        """;

    private readonly TestServices _services = new();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-cluster-full-");
    private readonly string _prefix = Guid.NewGuid().ToString("n")[..12];
    private SiloProcess? _silo;
    private bool _mounted;

    private string Work => _work.FullName;

    private string Small => Path.Combine(Work, "small");

    private string Cluster => $"{_services.Redis}?cluster=full-{_prefix}";

    private string Jugdir => Path.Combine(Small, "jugdir");

    public Task InitializeAsync() => _services.InitializeAsync();

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_mounted)
        {
            await RunAsync("umount", Small);
        }

        await _services.DisposeAsync();
    }

    public void Dispose() => _work.Delete(recursive: true);

    [RootFact]
    public async Task A_full_disk_ends_the_run_with_one_line_and_the_next_submit_finishes_it()
    {
        Directory.CreateDirectory(Small);
        Assert.Equal(0, await RunAsync("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", Small));
        _mounted = true;
        Jugfiles.Write(Work, Blocks);
        _silo = await SiloProcess.StartAsync(Work, Cluster, Jugdir, "silo-f");

        var clock = Stopwatch.StartNew();
        var full = await CliRunner.RunAsync(Work, "submit", "--cluster", Cluster, "--jugdir", Jugdir, "--wait", "jugfile.cs");
        clock.Stop();
        Assert.True(full.ExitCode == 1, full.ToString());
        var reported = Assert.Single(full.Error.Split('\n'), l => l.StartsWith("jugcloud:", StringComparison.Ordinal));
        Assert.Contains("the run failed: Silo silo-f cannot store results: the disk holding the jugdir is full", reported, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", full.Error, StringComparison.Ordinal);
        Assert.Single(_silo.Log.Split('\n'), l => l.Contains("cannot store results", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", _silo.Log, StringComparison.Ordinal);
        // The run ended because the silo said so, not because a lease ran out (60 s by default).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the run took {clock.Elapsed} to end");

        // What was stored before the disk filled up is whole.
        var verify = await CliRunner.RunAsync(Work, "verify", "jugfile.cs", "--jugdir", Jugdir);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        var before = await CliRunner.RunAsync(Work, "status", "--short", "jugfile.cs", "--jugdir", Jugdir);
        Assert.DoesNotContain($"{Tasks + 1} done", before.Output, StringComparison.Ordinal);
        Assert.Contains("0 failed", before.Output, StringComparison.Ordinal); // a full disk is no failure of the tasks

        // Room again: the same silo, the same submit, the whole run.
        Assert.Equal(0, await RunAsync("mount", "-o", "remount,size=64m", Small));
        var again = await CliRunner.RunAsync(Work, "submit", "--cluster", Cluster, "--jugdir", Jugdir, "--wait", "jugfile.cs");
        Assert.True(again.ExitCode == 0, again.ToString());
        var after = await CliRunner.RunAsync(Work, "status", "--short", "jugfile.cs", "--jugdir", Jugdir);
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains($"{Tasks + 1} done", after.Output, StringComparison.Ordinal);
    }

    private static async Task<int> RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        await Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
