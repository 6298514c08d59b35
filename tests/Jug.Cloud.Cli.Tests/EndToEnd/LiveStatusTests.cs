using System.Diagnostics;
using System.Text.Json;

namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary><c>status</c> from a second process while <c>execute</c> runs alone on the jugdir.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class LiveStatusTests : IDisposable
{
    /// <summary>One task that leaves a <c>started</c> file in the directory named by the first argument, then waits for an <c>open</c> file there.</summary>
    private const string Gated = """
        Task(Steps.Hold, args[0]);

        public static class Steps
        {
            public static int Hold(string gate)
            {
                File.WriteAllText(Path.Combine(gate, "started"), "");
                var deadline = DateTime.UtcNow.AddMinutes(3);
                while (!File.Exists(Path.Combine(gate, "open")) && DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(20);
                }

                return 1;
            }
        }
        """;

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-live-status-");

    private string Work => _work.FullName;

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Status_from_a_second_process_shows_the_task_execute_is_running()
    {
        Jugfiles.Write(Work, Gated);
        var gate = Directory.CreateDirectory(Path.Combine(Work, "gate")).FullName;
        var build = await CliRunner.RunAsync(Work, "status", "--short", "jugfile.cs", "--", gate);
        Assert.True(build.ExitCode == 0, build.ToString());

        using var execute = Process.Start(CliRunner.StartInfo(Work, "execute", "-j", "1", "jugfile.cs", "--", gate))!;
        var stdout = execute.StandardOutput.ReadToEndAsync();
        var stderr = execute.StandardError.ReadToEndAsync();
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!File.Exists(Path.Combine(gate, "started")) && DateTime.UtcNow < deadline && !execute.HasExited)
            {
                await Task.Delay(20);
            }

            Assert.True(File.Exists(Path.Combine(gate, "started")), $"the task did not start (exited: {execute.HasExited})");

            // The record naming the task is written within a couple of seconds of its start.
            JsonElement row = default;
            while (DateTime.UtcNow < deadline && !execute.HasExited)
            {
                var status = await CliRunner.RunAsync(Work, "status", "--json", "jugfile.cs", "--", gate);
                Assert.True(status.ExitCode == 0, status.ToString());
                using var json = JsonDocument.Parse(status.Output);
                row = json.RootElement.GetProperty("rows")[0].Clone();
                if (row.GetProperty("running").GetInt32() == 1)
                {
                    break;
                }
            }

            Assert.Equal("Steps.Hold", row.GetProperty("name").GetString());
            Assert.Equal((1, 0), (row.GetProperty("running").GetInt32(), row.GetProperty("done").GetInt32()));
        }
        finally
        {
            await File.WriteAllTextAsync(Path.Combine(gate, "open"), "");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await execute.WaitForExitAsync(timeout.Token);
        var result = new CliResult(execute.ExitCode, await stdout, await stderr);
        Assert.True(result.ExitCode == 0, result.ToString());

        var after = await CliRunner.RunAsync(Work, "status", "--short", "jugfile.cs", "--", gate);
        Assert.Equal("1 tasks: 0 waiting, 0 ready, 0 running, 1 done, 0 failed.", after.Output.Trim());
    }
}
