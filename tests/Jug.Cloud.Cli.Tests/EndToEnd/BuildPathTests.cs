namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary>
/// How a jugfile becomes code: a plain one is compiled in process against the SDK the CLI carries,
/// whatever MSBuild settings the folders above it hold; one with <c>#:</c> directives goes through
/// <c>dotnet build</c>. Both are cached by their inputs.
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class BuildPathTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-build-");

    private string Work => _work.FullName;

    private string Builds => Path.Combine(Work, ".jugcloud-build", "jugfile");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task A_plain_jugfile_under_strict_build_settings_runs_without_inheriting_them()
    {
        // What a repository with strict settings has: every warning an error, documentation required,
        // every analyzer on, and central package management.
        File.WriteAllText(Path.Combine(Work, "Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
                <AnalysisLevel>latest-all</AnalysisLevel>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                <Nullable>disable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Work, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup></Project>");
        var jobs = Path.Combine(Work, "myjobs");
        Jugfiles.Write(jobs, Jugfiles.Pipeline);

        var run = await CliRunner.RunAsync(jobs, "execute");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal((12, 0), Summary.Read(run));
        var again = await CliRunner.RunAsync(jobs, "execute");
        Assert.Contains("Nothing to do: all 12 tasks are already done.", again.Output);
        var build = Assert.Single(Directory.GetDirectories(Path.Combine(jobs, ".jugcloud-build", "jugfile")));
        Assert.Equal(["jugfile.dll"], Directory.GetFiles(build, "*.dll").Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_unchanged_jugfile_is_compiled_once_and_an_edit_compiles_it_again()
    {
        var path = Jugfiles.Write(Work, Jugfiles.Pipeline);
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "status")).ExitCode);
        var first = Assert.Single(Directory.GetDirectories(Builds));
        var compiled = File.GetLastWriteTimeUtc(Path.Combine(first, "jugfile.dll"));

        Assert.Equal(0, (await CliRunner.RunAsync(Work, "status")).ExitCode);
        Assert.Equal(first, Assert.Single(Directory.GetDirectories(Builds)));
        Assert.Equal(compiled, File.GetLastWriteTimeUtc(Path.Combine(first, "jugfile.dll")));

        // Same length, same time stamp: only the content says it changed.
        var text = File.ReadAllText(path);
        var time = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, text.Replace("i * i", "i + i", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(path, time);
        var status = await CliRunner.RunAsync(Work, "status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.NotEqual(first, Assert.Single(Directory.GetDirectories(Builds)));
    }

    [Fact]
    public async Task Compiler_errors_name_the_jugfile_line_and_column_and_write_nothing()
    {
        Jugfiles.Write(Work, Jugfiles.BrokenBuild);

        var run = await CliRunner.RunAsync(Work, "execute");
        Assert.Equal(2, run.ExitCode);
        // The header is line 1: the call to the missing method is on line 2, column 14.
        Assert.Contains(Path.Combine(Work, "jugfile.cs") + "(2,20): error CS0117: 'Steps' does not contain a definition for 'Missing'", run.Error);
        Assert.False(Directory.Exists(Path.Combine(Work, "jugfile.jugdata")));
        Assert.Empty(Directory.Exists(Builds) ? Directory.GetDirectories(Builds) : []);
    }

    [Fact]
    public async Task A_jugfile_with_a_project_directive_is_built_by_dotnet_build()
    {
        var path = Path.Combine(Work, "jugfile.cs");
        File.WriteAllText(path, Jugfiles.ProjectHeader + Jugfiles.Pipeline);

        var run = await CliRunner.RunAsync(Work, "execute");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal((12, 0), Summary.Read(run));
        // dotnet build copies the referenced SDK into the output; the in-process compiler does not.
        var build = Assert.Single(Directory.GetDirectories(Builds));
        Assert.True(File.Exists(Path.Combine(build, "Jug.Cloud.Sdk.dll")));
    }
}
