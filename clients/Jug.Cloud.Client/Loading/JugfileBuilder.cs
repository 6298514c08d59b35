using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Jug.Cloud.Client;

/// <summary>
/// Builds a jugfile with <c>dotnet build</c> into its cache directory, and skips the build when no
/// source it depends on changed since (the jugfile, and every .cs/.csproj/.props under the
/// directories of the projects it references with <c>#:project</c>).
/// </summary>
public static class JugfileBuilder
{
    private const string StampFile = "build.stamp";

    /// <summary>Builds if needed and returns the path of the built assembly.</summary>
    /// <exception cref="JugfileException">The build failed; <see cref="JugfileException.Details"/> holds the compiler errors.</exception>
    public static async Task<string> BuildAsync(JugfileSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var output = source.BuildDirectory;
        var assembly = Path.Combine(output, source.Name + ".dll");
        var fingerprint = Fingerprint(source);
        var stamp = Path.Combine(output, StampFile);
        if (File.Exists(assembly) && File.Exists(stamp) && await File.ReadAllTextAsync(stamp, cancellationToken) == fingerprint)
        {
            return assembly;
        }

        Directory.CreateDirectory(output);
        File.Delete(stamp);
        var (exitCode, text) = await RunDotnetBuildAsync(source, output, cancellationToken);
        if (exitCode != 0 || !File.Exists(assembly))
        {
            var errors = text.Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.Contains(": error ", StringComparison.Ordinal))
                .Select(l => l.Split(" [", 2)[0])
                .Distinct()
                .ToArray();
            throw new JugfileException(
                $"Building {Path.GetFileName(source.Path)} failed ({errors.Length} error{(errors.Length == 1 ? "" : "s")}).",
                errors.Length > 0 ? string.Join('\n', errors) : text.Trim());
        }

        await File.WriteAllTextAsync(stamp, fingerprint, cancellationToken);
        return assembly;
    }

    private static async Task<(int ExitCode, string Output)> RunDotnetBuildAsync(JugfileSource source, string output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = source.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "build", source.Path, "-c", "Release", "-o", output, "-nologo", "-v:q", "-clp:NoSummary" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new JugfileException("Could not start 'dotnet build'; is the .NET SDK on the PATH?");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>A digest of the names, sizes and times of every input of the build.</summary>
    private static string Fingerprint(JugfileSource source)
    {
        var inputs = new SortedSet<string>(StringComparer.Ordinal) { source.Path };
        foreach (var directory in ReferencedProjectDirectories(source))
        {
            foreach (var pattern in new[] { "*.cs", "*.csproj", "*.props" })
            {
                foreach (var file in Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories))
                {
                    if (!file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                    {
                        inputs.Add(file);
                    }
                }
            }
        }

        var text = new StringBuilder();
        foreach (var file in inputs)
        {
            var info = new FileInfo(file);
            text.Append(file).Append('|').Append(info.Length).Append('|').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static IEnumerable<string> ReferencedProjectDirectories(JugfileSource source)
    {
        if (source.IsProject)
        {
            yield return source.Directory;
            yield break;
        }

        foreach (var line in File.ReadLines(source.Path))
        {
            var trimmed = line.TrimStart();
            if (!trimmed.StartsWith("#:", StringComparison.Ordinal))
            {
                if (trimmed.Length > 0 && !trimmed.StartsWith("//", StringComparison.Ordinal) && !trimmed.StartsWith("#!", StringComparison.Ordinal))
                {
                    yield break;
                }

                continue;
            }

            if (trimmed.StartsWith("#:project ", StringComparison.Ordinal))
            {
                var path = Path.GetFullPath(trimmed["#:project ".Length..].Trim(), source.Directory);
                var directory = path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) ? Path.GetDirectoryName(path)! : path;
                if (Directory.Exists(directory))
                {
                    yield return directory;
                }
            }
        }
    }
}
