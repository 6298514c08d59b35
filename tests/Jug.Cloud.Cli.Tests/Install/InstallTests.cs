using System.Diagnostics;
using Jug.Cloud.Cli.Tests.EndToEnd;

namespace Jug.Cloud.Cli.Tests.Install;

/// <summary>
/// The README's install path, as a new user follows it: pack the tool and the SDK into a local feed
/// with infra/pack.sh, install the tool from it, and run jugfiles in folders outside the repository —
/// a plain one in an empty folder, the same under strict build settings, and one that takes the SDK
/// as a package with <c>#:package</c>. A version of its own keeps it apart from anything cached.
/// </summary>
[Trait("Category", "Install")]
public sealed class InstallTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-install-");
    private readonly string _version = $"0.0.0-test{DateTime.UtcNow:yyyyMMddHHmmss}{Environment.ProcessId}";

    private string Work => _work.FullName;

    private string Feed => Path.Combine(Work, "feed");

    private string Jugcloud => Path.Combine(Work, "tools", "jugcloud");

    public void Dispose()
    {
        _work.Delete(recursive: true);
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var cached in Directory.Exists(packages) ? Directory.GetDirectories(packages, "jug.cloud.*") : [])
        {
            var version = Path.Combine(cached, _version);
            if (Directory.Exists(version))
            {
                Directory.Delete(version, recursive: true);
            }
        }
    }

    [Fact]
    public async Task The_packed_tool_installs_and_runs_jugfiles_in_folders_outside_the_repository()
    {
        // Packed from a copy of the sources: packing builds for another runtime identifier, which must
        // not touch the build outputs other tests are running from.
        var sources = Path.Combine(Work, "sources");
        CopySources(CliRunner.RepositoryRoot, sources);
        var pack = await RunAsync(sources, "bash", "infra/pack.sh", "--output", Feed, "--version", _version);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        Assert.Contains("Jug.Cloud.Sdk." + _version + ".nupkg", Directory.GetFiles(Feed).Select(Path.GetFileName));
        var install = await RunAsync(Work, "dotnet", "tool", "install", "Jug.Cloud.Cli", "--tool-path", Path.Combine(Work, "tools"), "--add-source", Feed, "--version", _version);
        Assert.True(install.ExitCode == 0, install.ToString());

        // A plain jugfile in an empty folder.
        var empty = Path.Combine(Work, "empty");
        Jugfiles.Write(empty, Jugfiles.Pipeline);
        var first = await RunAsync(empty, Jugcloud, "execute");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal((12, 0), Summary.Read(first));
        var status = await RunAsync(empty, Jugcloud, "status");
        Assert.Matches(@"Total\s+0\s+0\s+0\s+12\s+0", status.Output);
        Assert.Contains("Nothing to do: all 12 tasks are already done.", (await RunAsync(empty, Jugcloud, "execute")).Output);

        // The same under a folder whose build settings turn every warning into an error.
        var strict = Path.Combine(Work, "strict");
        Directory.CreateDirectory(strict);
        File.WriteAllText(Path.Combine(strict, "Directory.Build.props"),
            "<Project><PropertyGroup><TreatWarningsAsErrors>true</TreatWarningsAsErrors><AnalysisLevel>latest-all</AnalysisLevel><GenerateDocumentationFile>true</GenerateDocumentationFile></PropertyGroup></Project>");
        Jugfiles.Write(Path.Combine(strict, "jobs"), Jugfiles.Pipeline);
        var strictRun = await RunAsync(Path.Combine(strict, "jobs"), Jugcloud, "execute");
        Assert.True(strictRun.ExitCode == 0, strictRun.ToString());
        Assert.Equal((12, 0), Summary.Read(strictRun));

        // A jugfile that takes the SDK as a package from the feed is built by dotnet build.
        var packaged = Path.Combine(Work, "packaged");
        Directory.CreateDirectory(packaged);
        File.WriteAllText(Path.Combine(packaged, "NuGet.config"),
            $"<configuration><packageSources><add key=\"jugcloud-local\" value=\"{Feed}\" /></packageSources></configuration>");
        File.WriteAllText(Path.Combine(packaged, "jugfile.cs"), $"#:package Jug.Cloud.Sdk@{_version}\n" + Jugfiles.Header + Jugfiles.Pipeline);
        var packagedRun = await RunAsync(packaged, Jugcloud, "execute");
        Assert.True(packagedRun.ExitCode == 0, packagedRun.ToString());
        Assert.Equal((12, 0), Summary.Read(packagedRun));
    }

    /// <summary>The repository's sources without build outputs, caches, results or version control.</summary>
    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj" or "artifacts" or "node_modules" or "TestResults" or ".tools")
                && !name.StartsWith('.') && !name.EndsWith(".jugdata", StringComparison.Ordinal))
            {
                CopySources(directory, Path.Combine(to, name));
            }
        }
    }

    private static async Task<CliResult> RunAsync(string directory, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), "jugcloud-tests-no-config");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
