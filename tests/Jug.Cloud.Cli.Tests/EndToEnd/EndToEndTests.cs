using System.Text.Json;

namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary><c>jugcloud</c> run as a separate process, as a user would, on jugfiles in temporary directories.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class EndToEndTests(SharedJugfiles jugfiles) : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-e2e-");

    private string Work => _work.FullName;

    private string Jugdir => Path.Combine(Work, "pipeline.jugdata");

    [Fact]
    public async Task Execute_status_rerun_and_invalidate_behave_like_jug()
    {
        var first = await RunPipelineAsync("execute");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal((12, 0), Summary.Read(first));

        var status = await RunPipelineAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Matches(@"Steps\.Leaf\s+0\s+0\s+0\s+10\s+0", status.Output);
        Assert.Matches(@"Steps\.Combine\s+0\s+0\s+0\s+1\s+0", status.Output);
        Assert.Matches(@"Total\s+0\s+0\s+0\s+12\s+0", status.Output);

        var again = await RunPipelineAsync("execute");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Nothing to do: all 12 tasks are already done.", again.Output);
        Assert.Equal(0, (await RunPipelineAsync("check")).ExitCode);

        var invalidate = await RunPipelineAsync("invalidate", "--target", "Steps.Combine");
        Assert.True(invalidate.ExitCode == 0, invalidate.ToString());
        Assert.Contains("Invalidated 2 results", invalidate.Output);
        Assert.Equal(1, (await RunPipelineAsync("check")).ExitCode);

        var rerun = await RunPipelineAsync("execute");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal((2, 10), Summary.Read(rerun));
    }

    [Fact]
    public async Task Status_json_gives_every_task_its_state()
    {
        var status = await RunPipelineAsync("status", "--json");
        Assert.True(status.ExitCode == 0, status.ToString());

        using var json = JsonDocument.Parse(status.Output);
        var tasks = json.RootElement.GetProperty("tasks").EnumerateArray().ToArray();
        Assert.Equal(12, tasks.Length);
        Assert.Equal(10, tasks.Count(t => t.GetProperty("state").GetString() == "ready"));
        Assert.Equal(2, tasks.Count(t => t.GetProperty("state").GetString() == "waiting"));
        Assert.Equal(12, json.RootElement.GetProperty("total").GetProperty("total").GetInt32());
        Assert.Equal("Steps.Leaf", json.RootElement.GetProperty("rows")[0].GetProperty("name").GetString());

        var brief = await RunPipelineAsync("status", "--short");
        Assert.Equal("12 tasks: 2 waiting, 10 ready, 0 running, 0 done, 0 failed.", brief.Output.Trim());
    }

    [Fact]
    public async Task Cleanup_removes_the_results_of_tasks_the_jugfile_no_longer_declares()
    {
        Assert.Equal(0, (await RunPipelineAsync("execute")).ExitCode);

        // With 4 leaves, leaves 4..9 and the combine and final steps over 10 leaves are no longer declared.
        var cleanup = await CliRunner.RunAsync(Work, "cleanup", jugfiles.Pipeline, "4", "--jugdir", Jugdir);
        Assert.True(cleanup.ExitCode == 0, cleanup.ToString());
        Assert.Contains("Removed 8 results", cleanup.Output);

        var status = await CliRunner.RunAsync(Work, "status", jugfiles.Pipeline, "4", "--jugdir", Jugdir, "--short");
        Assert.Equal("6 tasks: 1 waiting, 1 ready, 0 running, 4 done, 0 failed.", status.Output.Trim());
    }

    [Fact]
    public async Task A_failing_task_fails_execute_and_shows_in_status()
    {
        Jugfiles.Write(Work, Jugfiles.Failing);

        // No JUGFILE and no --jugdir: jugfile.cs in the current directory, jugfile.jugdata beside it.
        var run = await CliRunner.RunAsync(Work, "execute", "--keep-going");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("exploded on 3", run.Error);
        Assert.Contains("1 failed, 1 not run", run.Output);
        Assert.True(Directory.Exists(Path.Combine(Work, "jugfile.jugdata")));

        var status = await CliRunner.RunAsync(Work, "status");
        Assert.Matches(@"Steps\.Explode\s+0\s+0\s+0\s+0\s+1", status.Output);
        Assert.Matches(@"Steps\.After\s+1\s+0\s+0\s+0\s+0", status.Output);
        Assert.Matches(@"Steps\.Fine\s+0\s+0\s+0\s+1\s+0", status.Output);
        Assert.Contains("System.InvalidOperationException: exploded on 3", status.Output);

        Assert.Equal(1, (await CliRunner.RunAsync(Work, "check")).ExitCode);
    }

    [Fact]
    public async Task Bad_input_is_one_line_and_exit_code_2()
    {
        // The issue's example: no jugfile here either, and the URI is what is reported.
        var badUri = await CliRunner.RunAsync(Work, "execute", "--jugdir", "foo://x");
        Assert.Equal(2, badUri.ExitCode);
        Assert.Contains("foo://x", Assert.Single(Lines(badUri.Error)));

        var badUriWithJugfile = await CliRunner.RunAsync(Work, "status", jugfiles.Pipeline, "--jugdir", "foo://x");
        Assert.Equal(2, badUriWithJugfile.ExitCode);
        Assert.Single(Lines(badUriWithJugfile.Error));

        var missing = await CliRunner.RunAsync(Work, "status", "nothere.cs");
        Assert.Equal(2, missing.ExitCode);
        Assert.Single(Lines(missing.Error));

        var noJugfile = await CliRunner.RunAsync(Work, "execute");
        Assert.Equal(2, noJugfile.ExitCode);
        Assert.Contains("jugfile.cs", Assert.Single(Lines(noJugfile.Error)));

        var noMatch = await RunPipelineAsync("invalidate", "--target", "NoSuchTask");
        Assert.Equal(2, noMatch.ExitCode);
        Assert.Contains("No task matches", Assert.Single(Lines(noMatch.Error)));

        var badRegex = await RunPipelineAsync("execute", "--target", "/[/");
        Assert.Equal(2, badRegex.ExitCode);
        Assert.Single(Lines(badRegex.Error));
    }

    [Fact]
    public async Task An_exception_in_the_jugfile_code_is_one_line_naming_its_line()
    {
        // The pipeline jugfile parses its first argument on line 2 (after the header line).
        var run = await CliRunner.RunAsync(Work, "status", jugfiles.Pipeline, "many", "--jugdir", Jugdir);
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(Lines(run.Error));
        Assert.Contains("pipeline.cs:line 2", line);
        Assert.Contains("FormatException", line);

        var verbose = await CliRunner.RunAsync(Work, "status", jugfiles.Pipeline, "many", "--jugdir", Jugdir, "--verbose");
        Assert.Equal(2, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Error);
    }

    [Fact]
    public async Task A_mistyped_command_gets_a_suggestion_and_exit_code_2()
    {
        var typo = await CliRunner.RunAsync(Work, "exeucte");
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("'exeucte' was not matched", typo.Error);
        Assert.Contains("execute", typo.Error.Split("Did you mean", 2)[1]);
    }

    [Fact]
    public async Task A_build_error_shows_the_compiler_error()
    {
        Jugfiles.Write(Work, Jugfiles.BrokenBuild);

        var run = await CliRunner.RunAsync(Work, "execute");
        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"jugfile\.cs\(\d+,\d+\): error CS\d+: .*Missing", run.Error);
        Assert.Contains("Building jugfile.cs failed", Lines(run.Error)[^1]);
    }

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Redirected_status_is_a_plain_table_with_a_header_and_no_colour_codes()
    {
        Assert.Equal(0, (await RunPipelineAsync("execute")).ExitCode);
        var status = await RunPipelineAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.DoesNotContain('\u001b', status.Output);
        Assert.Matches(@"Task name\s+Waiting\s+Ready\s+Running\s+Done\s+Failed\s+Mean\s+Max", status.Output);
        Assert.Matches(@"Steps\.Leaf\s+0\s+0\s+0\s+10\s+0\s+\d+ ms\s+\d+ ms", status.Output);
    }

    private Task<CliResult> RunPipelineAsync(string command, params string[] options) =>
        CliRunner.RunAsync(Work, [command, jugfiles.Pipeline, "--jugdir", Jugdir, .. options]);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
