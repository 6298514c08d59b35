namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary>What execute accepts as options and jugfile arguments, what it says about barriers and values, and cleanup of cached builds.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ArgumentsAndMessagesTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-args-");

    private string Work => _work.FullName;

    private string Jugdir => Path.Combine(Work, "jugfile.jugdata");

    private string Builds => Path.Combine(Work, ".jugcloud-build");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task An_unknown_option_is_one_line_with_a_suggestion_and_nothing_is_built_run_or_written()
    {
        Jugfiles.Write(Work, MessageJugfiles.Modes);

        var unknown = await CliRunner.RunAsync(Work, "execute", "jugfile.cs", "--frobnicate");
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        var line = Assert.Single(Lines(unknown.Error));
        Assert.Contains("Unknown option '--frobnicate'", line);
        Assert.Contains("jugcloud execute jugfile.cs -- --frobnicate", line);
        Assert.Equal("", unknown.Output);
        Assert.False(Directory.Exists(Jugdir), "the jugdir was created");
        Assert.False(Directory.Exists(Builds), "the jugfile was built");

        var keepGoing = await CliRunner.RunAsync(Work, "execute", "jugfile.cs", "--keepgoing");
        Assert.Equal(2, keepGoing.ExitCode);
        Assert.EndsWith("Did you mean '--keep-going'?", Assert.Single(Lines(keepGoing.Error)));

        var json = await CliRunner.RunAsync(Work, "status", "--jsn");
        Assert.Equal(2, json.ExitCode);
        Assert.EndsWith("Did you mean '--json'?", Assert.Single(Lines(json.Error)));

        var slots = await CliRunner.RunAsync(Work, "silo", "--slot", "2");
        Assert.Equal(2, slots.ExitCode);
        Assert.EndsWith("Did you mean '--slots'?", Assert.Single(Lines(slots.Error)));

        var servers = await CliRunner.RunAsync(Work, "status", "jugfile.cs", "--jugdir", "redis://u:hunter2@127.0.0.1:1,,127.0.0.1:2/");
        Assert.Equal(2, servers.ExitCode);
        var serversLine = Assert.Single(Lines(servers.Error));
        Assert.Contains("in its server list", serversLine);
        Assert.DoesNotContain("hunter2", serversLine);

        // A store may be sharded over servers; a cluster meets on one.
        var cluster = await CliRunner.RunAsync(Work, "silo", "--cluster", "redis://u:hunter2@127.0.0.1:1,127.0.0.1:2", "--jugdir", Jugdir);
        Assert.True(cluster.ExitCode == 2, cluster.ToString());
        var clusterLine = Assert.Single(Lines(cluster.Error));
        Assert.Contains("lists 2 servers", clusterLine);
        Assert.DoesNotContain("hunter2", clusterLine);

        // Found by the campaign's random command lines: an enum option took a number.
        var format = await CliRunner.RunAsync(Work, "graph", "jugfile.cs", "--format", "-1");
        Assert.True(format.ExitCode == 2, format.ToString());
        var formatLine = Assert.Single(Lines(format.Error));
        Assert.Contains("'-1' not recognized", formatLine);
        Assert.Contains("'mermaid'", formatLine);
        Assert.False(Directory.Exists(Jugdir) || Directory.Exists(Builds), "a later command built or wrote");
    }

    [Fact]
    public async Task Arguments_after_double_dash_reach_the_jugfile_and_barrier_and_value_lines_tell_one_story()
    {
        Jugfiles.Write(Work, MessageJugfiles.Modes);

        var empty = await CliRunner.RunAsync(Work, "execute", "jugfile.cs");
        Assert.True(empty.ExitCode == 0, empty.ToString());
        Assert.Contains("Nothing to do: the jugfile declares no tasks.", empty.Output);

        var echo = await CliRunner.RunAsync(Work, "execute", "jugfile.cs", "--", "--frobnicate");
        Assert.True(echo.ExitCode == 0, echo.ToString());
        Assert.Contains("Executed 1 task (0 already done, 0 failed)", echo.Output);
        var value = await CliRunner.RunAsync(Work, "shell", "jugfile.cs", "-c", "Value(GetTasks().Single())", "--", "--frobnicate");
        Assert.True(value.ExitCode == 0, value.ToString());
        Assert.Equal("\"--frobnicate\"", value.Output.Trim());
        var again = await CliRunner.RunAsync(Work, "execute", "jugfile.cs", "--", "--frobnicate");
        Assert.Contains("Nothing to do: its only task is already done.", again.Output);

        var values = await CliRunner.RunAsync(Work, "execute", "jugfile.cs", "values");
        Assert.True(values.ExitCode == 0, values.ToString());
        Assert.Contains("BValue: ran 1 task for Steps.Double (0 already done)", values.Error);
        Assert.Contains("Barrier: ran 2 tasks (1 already done)", values.Error);
        Assert.Contains("Executed 1 task (3 already done, 0 failed)", values.Output);

        var barrier = await CliRunner.RunAsync(Work, "execute", "jugfile.cs", "failing-barrier");
        Assert.True(barrier.ExitCode == 1, barrier.ToString());
        Assert.Contains("FAILED Steps.Explode", barrier.Error);
        Assert.Contains("jugcloud: stopped at a barrier:", barrier.Error);
        Assert.DoesNotContain("continuing the jugfile", barrier.Error);

        var bvalue = await CliRunner.RunAsync(Work, "execute", "jugfile.cs", "failing-value");
        Assert.True(bvalue.ExitCode == 1, bvalue.ToString());
        Assert.Contains("jugcloud: stopped at BValue(Steps.Explode):", bvalue.Error);
        Assert.DoesNotContain("continuing the jugfile", bvalue.Error);
    }

    [Fact]
    public async Task Cleanup_removes_stale_builds_and_builds_only_removes_the_jugfiles_builds_without_touching_the_jugdir()
    {
        Jugfiles.Write(Work, MessageJugfiles.Modes);
        var run = await CliRunner.RunAsync(Work, "execute", "jugfile.cs", "--", "x");
        Assert.True(run.ExitCode == 0, run.ToString());
        var current = Assert.Single(Directory.GetDirectories(Path.Combine(Builds, "jugfile")));
        var older = WriteFakeBuild(Path.Combine(Builds, "jugfile", "0123456789abcdef"));
        var renamed = WriteFakeBuild(Path.Combine(Builds, "renamed", "fedcba9876543210"));

        var cleanup = await CliRunner.RunAsync(Work, "cleanup", "jugfile.cs", "--", "x");
        Assert.True(cleanup.ExitCode == 0, cleanup.ToString());
        Assert.Contains("Removed 2 stale builds", cleanup.Output);
        Assert.False(Directory.Exists(older));
        Assert.False(Directory.Exists(Path.GetDirectoryName(renamed)));
        Assert.True(Directory.Exists(current), "the current build was removed");
        Assert.Equal(1, StoredResults.Count(Jugdir));

        var buildsOnly = await CliRunner.RunAsync(Work, "cleanup", "--builds-only", "jugfile.cs");
        Assert.True(buildsOnly.ExitCode == 0, buildsOnly.ToString());
        Assert.Contains("Removed 1 cached build", buildsOnly.Output);
        Assert.False(Directory.Exists(Builds));
        Assert.Equal(1, StoredResults.Count(Jugdir));
    }

    private static string WriteFakeBuild(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "old.dll"), new byte[1000]);
        return directory;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
