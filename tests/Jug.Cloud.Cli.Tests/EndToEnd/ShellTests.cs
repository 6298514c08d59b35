namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary><c>jugcloud shell</c> driven through standard input and <c>-c</c>, on the shared pipeline jugfile.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ShellTests(SharedJugfiles jugfiles) : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-shell-");

    private string Work => _work.FullName;

    private string Jugdir => Path.Combine(Work, "pipeline.jugdata");

    [Fact]
    public async Task The_shell_reads_results_uses_jugfile_types_and_survives_errors()
    {
        var execute = await CliRunner.RunAsync(Work, "execute", jugfiles.Pipeline, "3", "--jugdir", Jugdir);
        Assert.True(execute.ExitCode == 0, execute.ToString());

        const string input = """
            GetTasks().Count
            var combine = GetFilteredTasks("Steps.Combine").Single();
            Value(combine)
            Steps.Leaf(12)
            no_such_name + 1
            Value<string>(GetFilteredTasks("Final")[0].Hash.ToString())
            throw new InvalidOperationException("on purpose");
            Invalidate("Final").Removed
            Value(GetFilteredTasks("Final")[0])
            GetFilteredTasks(loadable: true).Count
            """;
        var shell = await CliRunner.RunWithInputAsync(Work, input, "shell", jugfiles.Pipeline, "3", "--jugdir", Jugdir);

        Assert.Equal(["5", "5", "144", "\"total 5\"", "1", "4"], shell.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var errors = shell.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, errors.Length);
        Assert.StartsWith("error CS0103: The name 'no_such_name' does not exist", errors[0]);
        Assert.Equal("InvalidOperationException: on purpose", errors[1]);
        Assert.StartsWith("InvalidOperationException: Steps.Final#", errors[2]);
        Assert.Equal(1, shell.ExitCode);

        var once = await CliRunner.RunAsync(Work, "shell", jugfiles.Pipeline, "3", "--jugdir", Jugdir, "-c", "GetTasks().Select(t => t.Name).Distinct().Count()");
        Assert.True(once.ExitCode == 0, once.ToString());
        Assert.Equal("3", once.Output.Trim());
    }

    public void Dispose() => _work.Delete(recursive: true);
}
