using System.Diagnostics;

namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary>A killed <c>execute</c> loses nothing it finished and leaves nothing corrupt.</summary>
[Collection(CliCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class KillTests : IDisposable
{
    private const int Parts = 2000;
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-kill-");

    private string Work => _work.FullName;

    [Fact]
    public async Task Killing_execute_midway_keeps_every_finished_result()
    {
        Jugfiles.Write(Work, Jugfiles.Many);
        var build = await CliRunner.RunAsync(Work, "status", "--short");
        Assert.True(build.ExitCode == 0, build.ToString());

        var jugdir = Path.Combine(Work, "jugfile.jugdata");
        using (var process = Process.Start(CliRunner.StartInfo(Work, "execute"))!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (StoredResults.Count(jugdir) < Parts / 4 && DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(20);
            }

            Assert.False(process.HasExited, "execute finished before it could be killed");
            process.Kill(); // SIGKILL
            await process.WaitForExitAsync();
        }

        var stored = StoredResults.Count(jugdir);
        Assert.InRange(stored, Parts / 4, Parts - 1);

        // The verify task reads every part and throws if one is wrong, so a corrupt result fails the rerun.
        var rerun = await CliRunner.RunAsync(Work, "execute");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        var (executed, reused) = Summary.Read(rerun);
        Assert.True(reused >= stored, $"reused {reused} of {stored} stored results");
        Assert.Equal(Parts + 1, executed + reused);
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "check")).ExitCode);
    }

    public void Dispose() => _work.Delete(recursive: true);
}
