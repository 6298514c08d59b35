using System.Diagnostics;

namespace Jug.Cloud.Deploy.Tests.Docker;

/// <summary>What a command printed and how it ended.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Tail(Output)}\n--- stderr\n{Tail(Error)}";

    private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];
}

/// <summary>Runs a program to its end or a deadline (then kills it, by its own process object).</summary>
public static class Commands
{
    public static async Task<CommandResult> RunAsync(string program, IEnumerable<string> arguments, TimeSpan deadline, string? workingDirectory = null, string? input = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {deadline}:\n{await error}");
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }

    /// <summary>Polls <paramref name="condition"/> every second until it holds or <paramref name="deadline"/> passes.</summary>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return await condition();
    }
}
