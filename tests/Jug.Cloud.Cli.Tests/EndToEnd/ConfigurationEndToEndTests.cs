namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary>Configuration files and variables, and <c>--jugdir</c> templates, through the real <c>jugcloud</c>.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ConfigurationEndToEndTests(SharedJugfiles jugfiles) : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-config-e2e-");

    private string Work => _work.FullName;

    [Fact]
    public async Task A_project_file_sets_a_templated_jugdir_and_a_bad_value_is_one_line_exit_2()
    {
        Directory.CreateDirectory(Path.Combine(Work, ".git"));
        await File.WriteAllTextAsync(Path.Combine(Work, ".jugcloud.json"), """{ "jugdir": "runs/%(jugfile)s-%(date)s.jugdata", "execute": { "jobs": 2 } }""");

        var execute = await CliRunner.RunAsync(Work, "execute", jugfiles.Pipeline, "3");
        Assert.True(execute.ExitCode == 0, execute.ToString());
        var expected = Path.Combine(Work, "runs", $"pipeline-{DateTime.Now:yyyy-MM-dd}.jugdata");
        Assert.True(Directory.Exists(expected), string.Join(", ", Directory.GetFileSystemEntries(Work, "*", SearchOption.AllDirectories)));

        var config = await CliRunner.RunAsync(Work, "config");
        Assert.True(config.ExitCode == 0, config.ToString());
        Assert.Matches(@"(?m)^jobs\s+2\s+.*\.jugcloud\.json\s+execute$", config.Output);
        Assert.Matches(@"(?m)^jugdir\s+""runs/%\(jugfile\)s-%\(date\)s\.jugdata""\s+.*\.jugcloud\.json\s+all commands$", config.Output);

        await File.WriteAllTextAsync(Path.Combine(Work, ".jugcloud.json"), """{ "jobs": "many" }""");
        var bad = await CliRunner.RunAsync(Work, "status", jugfiles.Pipeline);
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal($"jugcloud: {Path.Combine(Work, ".jugcloud.json")}: 'jobs' must be an integer, not \"many\".", bad.Error.Trim());
    }

    [Fact]
    public async Task Passwords_in_configured_addresses_show_in_no_help_listing_or_error()
    {
        const string Secret = "cfg-Pw-9k2";
        Directory.CreateDirectory(Path.Combine(Work, ".git"));
        await File.WriteAllTextAsync(Path.Combine(Work, ".jugcloud.json"), $$"""
            { "jugdir": "redis://jug:{{Secret}}@127.0.0.1:1/2", "run": "s3://b/p?endpoint=http://127.0.0.1:1&secretKey={{Secret}}" }
            """);

        var help = await CliRunner.RunAsync(Work, "status", "--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("[default: redis://jug:***@127.0.0.1:1/2]", help.Output, StringComparison.Ordinal);
        Assert.Contains("secretKey=***]", help.Output, StringComparison.Ordinal);
        var config = await CliRunner.RunAsync(Work, "config");
        Assert.True(config.ExitCode == 0, config.ToString());
        Assert.Contains("redis://jug:***@127.0.0.1:1/2", config.Output, StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(Work, ".jugcloud.json"), $$"""{ "short": "redis://jug:{{Secret}}@127.0.0.1:1" }""");
        var bad = await CliRunner.RunAsync(Work, "status", $"redis:jug:{Secret}@127.0.0.1");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'short' must be true or false, not \"redis://jug:***@127.0.0.1:1\".", bad.Error, StringComparison.Ordinal);

        File.Delete(Path.Combine(Work, ".jugcloud.json"));
        var missing = await CliRunner.RunAsync(Work, "status", $"redis:jug:{Secret}@127.0.0.1");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("redis:jug:***@127.0.0.1", missing.Error, StringComparison.Ordinal);
        Assert.All(new[] { help, config, bad, missing }, run => Assert.DoesNotContain(Secret, run.Output + run.Error, StringComparison.Ordinal));
    }

    public void Dispose() => _work.Delete(recursive: true);
}
