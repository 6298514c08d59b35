using System.Text.RegularExpressions;

namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary>Jug idioms end to end: barriers, the multi-stage example, failures with retries, cleanup variants.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ParityTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-parity-");

    private string Work => _work.FullName;

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task The_multi_stage_example_stops_status_at_its_barrier_and_execute_runs_it_through_in_one_process()
    {
        File.Copy(Path.Combine(CliRunner.RepositoryRoot, "examples", "wordcount", "jugfile.cs"), Path.Combine(Work, "jugfile.cs"));

        var before = await CliRunner.RunAsync(Work, "status", "jugfile.cs", "60000");
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Contains("Stopped at a barrier", before.Output);
        Assert.Matches(@"Total\s+1\s+1\s+0\s+0\s+0", before.Output);

        var run = await CliRunner.RunAsync(Work, "execute", "jugfile.cs", "60000");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Barrier: ran 2 tasks", run.Error);

        var after = await CliRunner.RunAsync(Work, "status", "jugfile.cs", "60000");
        Assert.DoesNotContain("Stopped at a barrier", after.Output);
        Assert.Matches(@"Text\.CountWords\s+0\s+0\s+0\s+3\s+0", after.Output);
        Assert.Matches(@"jug\.reduce\s+0\s+0\s+0\s+1\s+0", after.Output);
        Assert.Matches(@"Text\.Summarize\s+0\s+0\s+0\s+1\s+0\s+\d+ ms", after.Output);
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "check", "jugfile.cs", "60000")).ExitCode);
        Assert.Contains("Nothing to do", (await CliRunner.RunAsync(Work, "execute", "jugfile.cs", "60000")).Output);
    }

    [Fact]
    public async Task A_failing_task_is_retried_listed_by_status_failed_and_kept_until_cleanup_failed_only()
    {
        Jugfiles.Write(Work, ParityJugfiles.AlwaysFailing);
        var log = Path.Combine(Work, "attempts.log");

        var first = await CliRunner.RunAsync(Work, "execute", "--retry-delay", "0.05", "--keep-failed", "jugfile.cs", "--", log);
        Assert.True(first.ExitCode == 1, first.ToString());
        Assert.Contains("FAILED Steps.Fail", first.Error);
        Assert.Contains("(attempt 2): System.InvalidOperationException: always fails", first.Error);
        Assert.Equal(2, File.ReadAllLines(log).Length);

        var failed = await CliRunner.RunAsync(Work, "status", "--failed", "jugfile.cs", "--", log);
        Assert.Matches(@"Steps\.Fail [0-9a-f]+: attempt 2 on ", failed.Output);
        Assert.Contains("System.InvalidOperationException: always fails", failed.Output);
        Assert.Contains("1 failed task.", failed.Output);

        var kept = await CliRunner.RunAsync(Work, "execute", "jugfile.cs", "--", log);
        Assert.True(kept.ExitCode == 1, kept.ToString());
        Assert.Contains("1 failed elsewhere and kept", kept.Output);
        Assert.Equal(2, File.ReadAllLines(log).Length);

        var cleanup = await CliRunner.RunAsync(Work, "cleanup", "--failed-only", "jugfile.cs", "--", log);
        Assert.Contains("Removed 1 lock of failed tasks.", cleanup.Output);
        Assert.Single(Directory.GetFiles(Path.Combine(Work, "jugfile.jugdata", "failures")));
        Assert.Equal(1, StoredResults.Count(Path.Combine(Work, "jugfile.jugdata")));

        var again = await CliRunner.RunAsync(Work, "execute", "--retry-delay", "0.05", "jugfile.cs", "--", log);
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Equal(4, File.ReadAllLines(log).Length);
    }

    [Fact]
    public async Task Cleanup_variants_touch_only_what_they_say()
    {
        Jugfiles.Write(Work, Jugfiles.Pipeline);
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "execute")).ExitCode);
        var jugdir = Path.Combine(Work, "jugfile.jugdata");
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "execute", "jugfile.cs", "--", "5")).ExitCode); // a smaller graph: its combine and final differ
        var results = StoredResults.Count(jugdir);

        // A lock, as a killed process leaves one.
        await using (var store = new Stores.File.FileJugStore(new Stores.File.FileStoreOptions { Root = jugdir }))
        {
            Assert.True(await store.TryClaimAsync(Hashing.CanonicalHash.OfValue("stale"), "dead:1", TimeSpan.FromMinutes(5)));
        }

        var staleLock = Directory.GetFiles(Path.Combine(jugdir, "locks"), "*.lock").Single();

        var keepLocks = await CliRunner.RunAsync(Work, "cleanup", "--keep-locks");
        Assert.True(keepLocks.ExitCode == 0, keepLocks.ToString());
        Assert.Contains("Removed 2 results no task refers to.", keepLocks.Output);
        Assert.True(File.Exists(staleLock));

        var locksOnly = await CliRunner.RunAsync(Work, "cleanup", "--locks-only");
        Assert.Contains("Removed 1 lock.", locksOnly.Output);
        Assert.False(File.Exists(staleLock));
        Assert.Equal(results - 2, StoredResults.Count(jugdir));
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "check")).ExitCode);

        var both = await CliRunner.RunAsync(Work, "cleanup", "--locks-only", "--keep-locks");
        Assert.Equal(2, both.ExitCode);
    }

    [Fact]
    public async Task Editing_the_body_of_a_code_hashed_task_invalidates_it_and_its_dependents()
    {
        Jugfiles.Write(Work, ParityJugfiles.CodeHashed.Replace("BODY", "x * 2", StringComparison.Ordinal));
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "execute")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "check")).ExitCode);

        Jugfiles.Write(Work, ParityJugfiles.CodeHashed.Replace("BODY", "x * 3", StringComparison.Ordinal));
        var status = await CliRunner.RunAsync(Work, "status");
        Assert.Matches(@"Steps\.Scale\s+0\s+1\s+0\s+0\s+0", status.Output);
        Assert.Matches(@"Steps\.Describe\s+1\s+0\s+0\s+0\s+0", status.Output);
        Assert.Equal((2, 0), Summary.Read(await CliRunner.RunAsync(Work, "execute")));
    }

    [Fact]
    public async Task SIGTERM_stops_gracefully_keeping_what_finished_and_releasing_every_claim()
    {
        Jugfiles.Write(Work, Jugfiles.Many);
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "status", "--short")).ExitCode);
        var jugdir = Path.Combine(Work, "jugfile.jugdata");
        using var process = System.Diagnostics.Process.Start(CliRunner.StartInfo(Work, "execute", "-j", "2"))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (StoredResults.Count(jugdir) < 200 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync();
        var run = new CliResult(process.ExitCode, await stdout, await stderr);
        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Contains("Interrupted: running tasks finished and were stored", run.Error);
        var locks = Path.Combine(Work, "jugfile.jugdata", "locks");
        Assert.Empty(Directory.Exists(locks) ? Directory.GetFiles(locks) : []);
        var stored = StoredResults.Count(jugdir);
        Assert.InRange(stored, 200, 2000);

        var rest = await CliRunner.RunAsync(Work, "execute");
        Assert.True(rest.ExitCode == 0, rest.ToString());
        Assert.Equal((2001 - stored, stored), Summary.Read(rest));
    }

    [Fact]
    public async Task Bad_execute_options_are_one_line_errors()
    {
        Jugfiles.Write(Work, Jugfiles.Pipeline);
        foreach (var (option, value) in new[] { ("--attempts", "0"), ("--wait-cycle-time", "-1"), ("--claim-ttl", "0"), ("--nr-wait-cycles", "-2") })
        {
            var result = await CliRunner.RunAsync(Work, "execute", option, value);
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Single(result.Error.Trim().Split('\n'));
            Assert.Matches(new Regex(Regex.Escape(option)), result.Error);
        }
    }
}
