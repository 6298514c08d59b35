using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Jug.Cloud.Cli.Tests;

/// <summary>
/// <c>jugcloud</c> run as a separate process on jugfiles in temporary directories. One collection:
/// jugfile builds share the SDK's intermediate files and must not run at once.
/// </summary>
[Collection("cli")]
[Trait("Category", "EndToEnd")]
public sealed partial class EndToEndTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-e2e-");

    private string Work => _work.FullName;

    [Fact]
    public async Task Execute_status_rerun_and_invalidate_behave_like_jug()
    {
        Jugfiles.Write(Work, Jugfiles.Pipeline);

        var first = await CliRunner.RunAsync(Work, "execute");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Executed 12 tasks (0 already done, 0 failed)", first.Output);

        var status = await CliRunner.RunAsync(Work, "status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Matches(@"Steps\.Leaf\s+0\s+0\s+0\s+10\s+0", status.Output);
        Assert.Matches(@"Total\s+0\s+0\s+0\s+12\s+0", status.Output);

        var again = await CliRunner.RunAsync(Work, "execute");
        Assert.Contains("Nothing to do: all 12 tasks are already done.", again.Output);

        var check = await CliRunner.RunAsync(Work, "check");
        Assert.Equal(0, check.ExitCode);

        var invalidate = await CliRunner.RunAsync(Work, "invalidate", "--target", "Steps.Combine");
        Assert.True(invalidate.ExitCode == 0, invalidate.ToString());
        Assert.Contains("Invalidated 2 results", invalidate.Output);
        Assert.Equal(1, (await CliRunner.RunAsync(Work, "check")).ExitCode);

        var rerun = await CliRunner.RunAsync(Work, "execute");
        Assert.Contains("Executed 2 tasks (10 already done, 0 failed)", rerun.Output);
    }

    [Fact]
    public async Task A_failing_task_fails_execute_and_shows_in_status()
    {
        Jugfiles.Write(Work, Jugfiles.Failing);

        var run = await CliRunner.RunAsync(Work, "execute", "--keep-going");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("exploded on 3", run.Error);
        Assert.Contains("1 failed, 1 not run", run.Output);

        var status = await CliRunner.RunAsync(Work, "status");
        Assert.Matches(@"Steps\.Explode\s+0\s+0\s+0\s+0\s+1", status.Output);
        Assert.Matches(@"Steps\.After\s+1\s+0\s+0\s+0\s+0", status.Output);
        Assert.Contains("System.InvalidOperationException: exploded on 3", status.Output);
    }

    [Fact]
    public async Task Bad_input_is_one_line_and_exit_code_2()
    {
        Jugfiles.Write(Work, Jugfiles.Pipeline);

        var badUri = await CliRunner.RunAsync(Work, "execute", "--jugdir", "foo://x");
        Assert.Equal(2, badUri.ExitCode);
        Assert.Single(Lines(badUri.Error));
        Assert.Contains("foo", badUri.Error);

        var missing = await CliRunner.RunAsync(Work, "status", "nothere.cs");
        Assert.Equal(2, missing.ExitCode);
        Assert.Single(Lines(missing.Error));

        var noMatch = await CliRunner.RunAsync(Work, "invalidate", "--target", "NoSuchTask");
        Assert.Equal(2, noMatch.ExitCode);
        Assert.Contains("No task matches", noMatch.Error);
        Assert.DoesNotContain("   at ", noMatch.Error);
    }

    [Fact]
    public async Task A_build_error_shows_the_compiler_error()
    {
        Jugfiles.Write(Work, Jugfiles.BrokenBuild);

        var run = await CliRunner.RunAsync(Work, "execute");
        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"error CS\d+", run.Error);
        Assert.Contains("Missing", run.Error);
    }

    [Fact]
    public async Task Killing_execute_midway_keeps_every_finished_result()
    {
        Jugfiles.Write(Work, Jugfiles.Many);
        var build = await CliRunner.RunAsync(Work, "status", "--short");
        Assert.True(build.ExitCode == 0, build.ToString());

        var results = Path.Combine(Work, "jugfile.jugdata", "results");
        using (var process = Process.Start(CliRunner.StartInfo(Work, "execute"))!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (CountResults(results) < 500 && DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }

            Assert.False(process.HasExited, "execute finished before it could be killed");
            process.Kill();
            await process.WaitForExitAsync();
        }

        var stored = CountResults(results);
        Assert.InRange(stored, 500, 1999);

        var rerun = await CliRunner.RunAsync(Work, "execute");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        var summary = SummaryPattern().Match(rerun.Output);
        Assert.True(summary.Success, rerun.ToString());
        var executed = int.Parse(summary.Groups["executed"].Value);
        var reused = int.Parse(summary.Groups["done"].Value);
        Assert.True(reused >= stored, $"reused {reused} of {stored} stored results");
        Assert.Equal(2001, executed + reused);
    }

    public void Dispose() => _work.Delete(recursive: true);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static int CountResults(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Count(f => !Path.GetFileName(f).StartsWith('.'))
            : 0;

    [GeneratedRegex(@"Executed (?<executed>\d+) tasks \((?<done>\d+) already done, 0 failed\)")]
    private static partial Regex SummaryPattern();
}
