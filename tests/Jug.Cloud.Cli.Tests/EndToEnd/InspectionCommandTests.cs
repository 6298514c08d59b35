namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary><c>jugcloud graph</c> and <c>count</c> on the shared pipeline jugfile.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class InspectionCommandTests(SharedJugfiles jugfiles) : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-graph-");

    private string Work => _work.FullName;

    [Fact]
    public async Task Graph_prints_dot_by_task_and_writes_grouped_mermaid_to_a_file()
    {
        var jugdir = Path.Combine(Work, "pipeline.jugdata");
        var dot = await CliRunner.RunAsync(Work, "graph", jugfiles.Pipeline, "--jugdir", jugdir);
        Assert.True(dot.ExitCode == 0, dot.ToString());
        Assert.StartsWith("digraph jug {", dot.Output);
        Assert.Equal(12, dot.Output.Split('\n').Count(l => l.Contains("[label=", StringComparison.Ordinal)));
        Assert.Equal(11, dot.Output.Split('\n').Count(l => l.Contains(" -> ", StringComparison.Ordinal)));
        Assert.Contains("fillcolor=\"#fca985\", tooltip=\"ready\"", dot.Output);

        var file = Path.Combine(Work, "pipeline.mmd");
        var mermaid = await CliRunner.RunAsync(Work, "graph", jugfiles.Pipeline, "--jugdir", jugdir, "--group", "-o", file);
        Assert.True(mermaid.ExitCode == 0, mermaid.ToString());
        Assert.Contains("3 task names", mermaid.Output);
        var text = await File.ReadAllTextAsync(file);
        Assert.StartsWith("flowchart TD", text);
        Assert.Contains("g0[\"Steps.Leaf<br/>10 tasks: 10 ready\"]:::ready", text);
        Assert.Contains("g0 -->|10| g1", text);

        var both = await CliRunner.RunAsync(Work, "graph", jugfiles.Pipeline, "--jugdir", jugdir, "--group", "--no-group");
        Assert.Equal(2, both.ExitCode);
    }

    [Fact]
    public async Task Count_prints_tasks_per_name_as_a_table_and_as_json()
    {
        var table = await CliRunner.RunAsync(Work, "count", jugfiles.Pipeline, "4", "--jugdir", "memory:");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"(?m)^\s+4  Steps\.Leaf$", table.Output);
        Assert.Matches(@"(?m)^\s+1  Steps\.Combine$", table.Output);
        Assert.Matches(@"(?m)^\s+6  Total$", table.Output);

        var json = await CliRunner.RunAsync(Work, "count", jugfiles.Pipeline, "--jugdir", "memory:", "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = System.Text.Json.JsonDocument.Parse(json.Output);
        Assert.Equal(12, document.RootElement.GetProperty("total").GetInt32());
        Assert.Equal("Steps.Combine", document.RootElement.GetProperty("rows")[0].GetProperty("name").GetString());
    }

    public void Dispose() => _work.Delete(recursive: true);
}
