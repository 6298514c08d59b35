using System.Diagnostics;

namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary>Runs the built <c>jugcloud</c> as a separate process, as a user would.</summary>
public sealed class CliRunner
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SdkProject => Path.Combine(RepositoryRoot, "clients", "Jug.Cloud.Sdk", "Jug.Cloud.Sdk.csproj");

    private static string CliAssembly => Path.Combine(AppContext.BaseDirectory, "jugcloud.dll");

    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The user's own configuration must not change what the tests see.
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), "jugcloud-tests-no-config");
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("JUGCLOUD_", StringComparison.Ordinal)).ToArray())
        {
            start.Environment.Remove(name);
        }

        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(CliAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    public static async Task<CliResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(workingDirectory, arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await WaitOrKillAsync(process);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs <c>jugcloud</c> with <paramref name="input"/> as its standard input.</summary>
    public static async Task<CliResult> RunWithInputAsync(string workingDirectory, string input, params string[] arguments)
    {
        var start = StartInfo(workingDirectory, arguments);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await WaitOrKillAsync(process);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Waits four minutes at most; a command still running then is killed, so it cannot outlive the test that failed on it.</summary>
    private static async Task WaitOrKillAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"jugcloud {string.Join(' ', process.StartInfo.ArgumentList.Skip(2))} did not exit within 4 minutes; killed.");
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Jug.Cloud.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Jug.Cloud.sln).");
    }
}

public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
