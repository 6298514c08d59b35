using System.Diagnostics;

namespace Jug.Cloud.Client;

/// <summary>Runs <c>dotnet build</c> on a jugfile as a child process and reads where the assembly went.</summary>
internal static class DotnetBuild
{
    /// <summary>Builds <paramref name="source"/> in Release; returns the built assembly's path (MSBuild's <c>TargetPath</c>).</summary>
    /// <exception cref="JugfileException">The build failed: the message counts the errors, <see cref="JugfileException.Details"/> lists them.</exception>
    public static async Task<string> RunAsync(JugfileSource source, CancellationToken cancellationToken)
    {
        string[] arguments = ["build", source.Path, "-c", "Release", "-nologo", "-v:q", "-clp:NoSummary", "-t:Build", "-getProperty:TargetPath"];
        var (exitCode, stdout, stderr) = await RunDotnetAsync(source.Directory, arguments, cancellationToken);
        var targetPath = stdout.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
        if (exitCode == 0 && targetPath is not null && Path.IsPathRooted(targetPath) && File.Exists(targetPath))
        {
            return targetPath;
        }

        var errors = CompilerErrors(stdout + "\n" + stderr);
        var name = Path.GetFileName(source.Path);
        throw new JugfileException(
            $"Building {name} failed ({errors.Count} error{(errors.Count == 1 ? "" : "s")}).",
            errors.Count > 0 ? string.Join('\n', errors) : (stdout + stderr).Trim());
    }

    /// <summary>The distinct <c>error XX1234</c> lines of a build log, without MSBuild's trailing <c>[project]</c>.</summary>
    public static IReadOnlyList<string> CompilerErrors(string log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Contains(": error ", StringComparison.Ordinal))
            .Select(l => l.EndsWith(']') && l.LastIndexOf(" [", StringComparison.Ordinal) is var at and > 0 ? l[..at] : l)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunDotnetAsync(string workingDirectory, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new JugfileException("Could not start 'dotnet build'.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new JugfileException("Could not start 'dotnet build': is the .NET SDK on the PATH?", e);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
