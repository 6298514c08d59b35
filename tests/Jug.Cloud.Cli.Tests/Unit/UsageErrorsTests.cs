using Jug.Cloud.Cli.Usage;

namespace Jug.Cloud.Cli.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class UsageErrorsTests
{
    [Theory]
    [InlineData("execute jugfile.cs --keepgoing", "Unknown option '--keepgoing'. Did you mean '--keep-going'?")]
    [InlineData("status --jsn", "Unknown option '--jsn'. Did you mean '--json'?")]
    [InlineData("status jugfile.cs 4 --verbos", "Unknown option '--verbos'. Did you mean '--verbose'?")]
    [InlineData("silo --slot 2", "Unknown option '--slot'. Did you mean '--slots'?")]
    [InlineData("cleanup --lock-only", "Unknown option '--lock-only'. Did you mean '--locks-only'?")]
    [InlineData("execute jugfile.cs --frobnicate", "Unknown option '--frobnicate'. To pass it to the jugfile, put it after '--': jugcloud execute jugfile.cs -- --frobnicate")]
    [InlineData("config --x", "Unknown option '--x'. See 'jugcloud config --help'.")]
    [InlineData("exeucte", "'exeucte' was not matched. Did you mean 'execute'?")]
    public void An_unknown_option_or_word_is_one_line_with_the_nearest_name(string line, string expected) =>
        Assert.Equal(expected, Describe(line));

    [Theory]
    [InlineData("execute jugfile.cs -- --frobnicate")]
    [InlineData("execute -j 2 jugfile.cs -- --jobs 3 -x")]
    [InlineData("status jugfile.cs 4")]
    [InlineData("status jugfile.cs -5 2.5")]
    [InlineData("execute --retry-delay 0.05 --keep-failed jugfile.cs -- log")]
    public void Jugfile_arguments_after_the_jugfile_or_after_double_dash_are_fine(string line) =>
        Assert.Null(Describe(line));

    [Fact]
    public void Other_parse_errors_are_one_line_too()
    {
        var error = Describe("execute --jobs");
        Assert.NotNull(error);
        Assert.Contains("--jobs", error);
        Assert.DoesNotContain('\n', error);
    }

    [Theory]
    [InlineData("--keepgoing", "--keep-going")]
    [InlineData("-jobs", "--jobs")]
    [InlineData("--KEEP-GOING", "--keep-going")]
    [InlineData("--frobnicate", null)]
    [InlineData("--x", null)]
    public void The_nearest_name_is_a_typo_away_or_none(string typed, string? expected) =>
        Assert.Equal(expected, Suggestions.Closest(typed, ["--keep-going", "--keep-failed", "--jobs", "-j", "-h", "--help"]));

    private static string? Describe(string line) =>
        UsageErrors.Describe(JugCloudCli.CreateRootCommand().Parse(line.Split(' ')));
}
