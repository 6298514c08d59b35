using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Jug.Cloud.Reliability.Tests;

/// <summary>
/// A jugdir on a 4 MB tmpfs that fills up mid-run: execute stops with a one-line error, what it
/// stored before verifies, and once space is freed the next execute completes. Mounting needs root;
/// where the mount fails, the record says so and nothing else is asserted.
/// </summary>
[Collection(CampaignCollection.Name)]
[Trait("Category", "Campaign")]
public sealed class DiskFullCampaignTests(CampaignFixture fixture, ITestOutputHelper output)
{
    private const int Parts = 500;

    [Fact]
    public async Task A_full_disk_stops_execute_with_one_line_and_keeps_what_was_stored()
    {
        var result = new CampaignResult("disk-full", "file", 0);
        var reference = await fixture.ReferenceAsync(Parts);
        var mountPoint = Directory.CreateDirectory(Path.Combine(fixture.Root, $"tmpfs-{Guid.NewGuid():n}")).FullName;
        var mount = await RunAsync("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint);
        if (mount.ExitCode != 0)
        {
            result.Count("skipped-mount-failed");
            result.Note($"mount -t tmpfs failed ({mount.Error.Trim()}): needs root");
            output.WriteLine(result.Write());
            return;
        }

        try
        {
            var jugdir = Path.Combine(mountPoint, "jugdata");
            // Leave room for about half of the run's jugdir, so the disk fills up midway.
            var referenceSize = Directory.EnumerateFiles(Path.Combine(fixture.Root, $"reference-{Parts}"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            var filler = Path.Combine(mountPoint, "filler");
            var target = Math.Max(0, new DriveInfo(mountPoint).AvailableFreeSpace - (referenceSize / 2));
            await using (var stream = File.Create(filler))
            {
                // Written, not sized: a sized file is sparse on tmpfs and takes no space.
                var block = new byte[64 * 1024];
                for (long written = 0; written < target; written += block.Length)
                {
                    await stream.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, target - written)));
                }
            }

            output.WriteLine($"jugdir of a clean run: {referenceSize} bytes; free on the tmpfs: {new DriveInfo(mountPoint).AvailableFreeSpace}");
            result.Tried++;
            var full = await CliRunner.RunAsync(fixture.Root, "execute", fixture.Jugfile, Parts.ToString(CultureInfo.InvariantCulture), "--jugdir", jugdir);
            output.WriteLine(full.ToString());
            var errorLines = full.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            result.Count($"full-disk-exit-{full.ExitCode}");
            result.Count($"full-disk-stderr-lines-{errorLines.Length}");
            result.Note($"full disk: exit {full.ExitCode}: {full.Error.Trim()}");
            var stored = (await StoredState.KeysAsync(jugdir)).Count;
            result.Count("stored-before-full", stored);
            var verify = await CliRunner.RunAsync(fixture.Root, "verify", fixture.Jugfile, "--jugdir", jugdir);
            result.Count($"verify-after-full-exit-{verify.ExitCode}");
            if (verify.ExitCode != 0)
            {
                result.Note($"verify after the full disk: {verify.Output.Trim()}");
            }

            File.Delete(filler);
            var again = await CliRunner.RunAsync(fixture.Root, "execute", fixture.Jugfile, Parts.ToString(CultureInfo.InvariantCulture), "--jugdir", jugdir);
            result.Count($"after-freeing-exit-{again.ExitCode}");
            await StoredState.CompareAsync(jugdir, reference, result);
            output.WriteLine(result.Write());

            Assert.True(full.ExitCode is 1 or 2, full.ToString());
            Assert.True(errorLines.Length == 1, full.ToString());
            Assert.DoesNotContain("   at ", full.Error);
            Assert.InRange(stored, 1, CampaignJugfile.Results(Parts) - 1);
            Assert.True(verify.ExitCode == 0, verify.ToString());
            Assert.True(again.ExitCode == 0, again.ToString());
            result.AssertBar();
        }
        finally
        {
            await RunAsync("umount", mountPoint);
        }
    }

    private static async Task<CliResult> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return new CliResult(process.ExitCode, await stdout, await stderr);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new CliResult(-1, "", e.Message);
        }
    }
}
