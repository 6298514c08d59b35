using Jug.Cloud.Stores.File;

namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary><c>verify</c> and <c>--repair</c>, the run log's bound, and jugdirs that cannot be used, as a user meets them.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class VerifyAndJugdirTests(SharedJugfiles jugfiles) : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-verify-");

    private string Work => _work.FullName;

    [Fact]
    public async Task A_flipped_pack_entry_is_found_and_repair_then_execute_restores_every_result()
    {
        var jugdir = Path.Combine(Work, "pipeline.jugdata");
        var first = await CliRunner.RunAsync(Work, "execute", jugfiles.Pipeline, "--jugdir", jugdir);
        Assert.True(first.ExitCode == 0, first.ToString());
        var before = Snapshot(jugdir);
        // One pack per group commit: the leaves', then the later steps'. Any one entry will do.
        var pack = Directory.GetFiles(Path.Combine(jugdir, "results", "packs"), "*.pack").Order(StringComparer.Ordinal).First();
        var bytes = await File.ReadAllBytesAsync(pack);
        bytes[10] ^= 0xFF;
        await File.WriteAllBytesAsync(pack, bytes);

        var found = await CliRunner.RunAsync(Work, "verify", jugfiles.Pipeline, "--jugdir", jugdir);
        Assert.True(found.ExitCode == 1, found.ToString());
        Assert.Matches(@"(?m)^\s*Result\s+11\s+1\s*$", found.Output);
        var status = await CliRunner.RunAsync(Work, "status", jugfiles.Pipeline, "--jugdir", jugdir, "--verify", "--short");
        Assert.Contains("11 done", status.Output);

        var repaired = await CliRunner.RunAsync(Work, "verify", jugfiles.Pipeline, "--jugdir", jugdir, "--repair");
        Assert.Contains("1 removed", repaired.Output);
        var again = await CliRunner.RunAsync(Work, "execute", jugfiles.Pipeline, "--jugdir", jugdir);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal((1, 11), Summary.Read(again));
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "verify", jugfiles.Pipeline, "--jugdir", jugdir)).ExitCode);
        Assert.Equal(before, Snapshot(jugdir));
    }

    [Fact]
    public async Task Ten_executes_leave_a_bounded_run_log_and_status_keeps_its_run_times()
    {
        var jugdir = Path.Combine(Work, "runs.jugdata");
        for (var i = 1; i <= 10; i++)
        {
            var run = await CliRunner.RunAsync(Work, "execute", jugfiles.Pipeline, (i * 3).ToString(System.Globalization.CultureInfo.InvariantCulture), "--jugdir", jugdir);
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        Assert.InRange(Directory.GetFiles(Path.Combine(jugdir, "runs")).Length, 1, FileJugStore.CompactRunLogAbove + 3);
        var status = await CliRunner.RunAsync(Work, "status", jugfiles.Pipeline, "30", "--jugdir", jugdir);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Matches(@"(?m)^\s*Steps\.Leaf\s+0\s+0\s+0\s+30\s+0\s+\d[\d.]* m?s\s+\d[\d.]* m?s\s*$", status.Output);
    }

    [Fact]
    public async Task A_jugdir_that_is_a_file_or_runs_through_one_is_one_line_and_exit_2_and_touches_nothing()
    {
        var file = Path.Combine(Work, "not-a-directory");
        await File.WriteAllTextAsync(file, "kept");

        foreach (var jugdir in new[] { file, Path.Combine(file, "sub") })
        {
            var run = await CliRunner.RunAsync(Work, "execute", jugfiles.Pipeline, "--jugdir", jugdir);
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Single(run.Error.Trim().Split('\n'));
            Assert.DoesNotContain("   at ", run.Error);
        }

        Assert.Equal("kept", await File.ReadAllTextAsync(file));
    }

    public void Dispose() => _work.Delete(recursive: true);

    /// <summary>Every stored result's bytes, by key.</summary>
    private static SortedDictionary<string, string> Snapshot(string jugdir)
    {
        var store = new FileJugStore(new FileStoreOptions { Root = jugdir });
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in store.ListAsync().ToBlockingEnumerable())
        {
            snapshot[key.ToString()] = Convert.ToHexString(store.GetAsync(key).AsTask().GetAwaiter().GetResult()!);
        }

        return snapshot;
    }
}
