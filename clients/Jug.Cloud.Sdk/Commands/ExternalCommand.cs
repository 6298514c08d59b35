using System.Diagnostics;
using System.Security.Cryptography;

namespace Jug.Cloud;

/// <summary>
/// External programs as tasks (Jug's <c>jug_execute</c>): the identity is the program, its
/// arguments, the output files and any tasks it must wait for; the result is the output files
/// (path, size, SHA-256) and standard output; a non-zero exit is a failure whose message carries
/// the end of standard error.
/// </summary>
public static partial class Jug
{
    /// <summary>Declares a task that runs <paramref name="program"/> with <paramref name="arguments"/> and must produce <paramref name="outputs"/>.</summary>
    public static TaskHandle<CommandOutput> Command(string program, string[] arguments, string[] outputs) =>
        Task(ExternalCommand.Run, program, arguments, outputs, Array.Empty<CommandOutput>());

    /// <summary>Like <see cref="Command(string, string[], string[])"/>, running only after the commands in <paramref name="after"/> (whose outputs it typically reads).</summary>
    public static TaskHandle<CommandOutput> Command(string program, string[] arguments, string[] outputs, IEnumerable<Handle<CommandOutput>> after) =>
        Task(ExternalCommand.Run, program, arguments, outputs, Gather(after));
}

/// <summary>The task method behind <see cref="Jug.Command(string, string[], string[])"/>.</summary>
public static class ExternalCommand
{
    private const int MaxCapture = 64 * 1024;

    /// <summary>Runs the program; throws <see cref="ExternalCommandException"/> if it fails or an output is missing.</summary>
    [JugTask(Name = "jug.command")]
    public static CommandOutput Run(string program, string[] arguments, string[] outputs, IReadOnlyList<CommandOutput> after)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(outputs);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new ExternalCommandException($"{program} could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (Jug.CancellationToken.Register(() => process.Kill(entireProcessTree: true)))
        {
            process.WaitForExit();
        }

        var output = Tail(stdout.GetAwaiter().GetResult());
        if (process.ExitCode != 0)
        {
            var error = Tail(stderr.GetAwaiter().GetResult()).Trim();
            throw new ExternalCommandException($"{program} exited with code {process.ExitCode}{(error.Length > 0 ? ": " + error : ".")}");
        }

        var files = outputs.Select(Describe).ToArray();
        return new CommandOutput(files, output);
    }

    private static OutputFile Describe(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ExternalCommandException($"The command finished but did not write its output {full}.");
        }

        using var stream = File.OpenRead(full);
        return new OutputFile(full, stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    private static string Tail(string text) => text.Length <= MaxCapture ? text : text[^MaxCapture..];
}
