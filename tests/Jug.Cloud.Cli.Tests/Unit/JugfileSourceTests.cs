using Jug.Cloud.Client;

namespace Jug.Cloud.Cli.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class JugfileSourceTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-source-");

    [Fact]
    public void A_cs_file_is_a_file_based_jugfile_with_its_jugdata_and_build_cache_beside_it()
    {
        var path = Touch("analysis.cs");

        var source = JugfileSource.Locate(path);

        Assert.False(source.IsProject);
        Assert.Equal(path, source.Path);
        Assert.Equal(Path.Combine(_work.FullName, "analysis.jugdata"), source.DefaultJugdir);
        Assert.Equal(Path.Combine(_work.FullName, ".jugcloud-build", "analysis"), source.BuildDirectory);
    }

    [Fact]
    public void A_directory_means_its_one_project_or_its_jugfile_cs()
    {
        var jugfile = Touch("jugfile.cs");
        Assert.Equal(jugfile, JugfileSource.Locate(_work.FullName).Path);

        var project = Touch("Sweep.csproj");
        var source = JugfileSource.Locate(_work.FullName);
        Assert.True(source.IsProject);
        Assert.Equal(project, source.Path);
    }

    [Fact]
    public void Missing_or_unusable_input_is_one_line()
    {
        var missing = Assert.Throws<JugfileException>(() => JugfileSource.Locate(Path.Combine(_work.FullName, "nothere.cs")));
        Assert.Contains("not found", missing.Message);

        var empty = Assert.Throws<JugfileException>(() => JugfileSource.Locate(_work.FullName));
        Assert.Contains("jugfile.cs", empty.Message);

        var text = Touch("notes.txt");
        Assert.Throws<JugfileException>(() => JugfileSource.Locate(text));
    }

    public void Dispose() => _work.Delete(recursive: true);

    private string Touch(string name)
    {
        var path = Path.Combine(_work.FullName, name);
        File.WriteAllText(path, "");
        return path;
    }
}
