using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Jug.Cloud.Bench.EditLoop;

/// <summary>What one command line cost: its wall time, exit code and output, and the processor time of it and its children.</summary>
internal sealed record ChildRun(int ExitCode, TimeSpan Wall, TimeSpan Cpu, string Output)
{
    /// <summary>Throws unless the command succeeded.</summary>
    public ChildRun EnsureSuccess(string what) =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"{what} exited with {ExitCode}: {Output.Trim()}");
}

/// <summary>Runs a command line as a user would in a terminal and times it from start to exit.</summary>
internal static partial class ChildProcess
{
    public static async Task<ChildRun> RunAsync(string workingDirectory, string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
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
        start.Environment["NO_COLOR"] = "1";
        var cpuBefore = ChildrenCpu();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
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

        var wall = clock.Elapsed;
        return new ChildRun(process.ExitCode, wall, ChildrenCpu() - cpuBefore, await stdout + await stderr);
    }

    /// <summary>The processor time of every child process this process has waited for (<c>getrusage(RUSAGE_CHILDREN)</c>); zero where unavailable.</summary>
    private static TimeSpan ChildrenCpu()
    {
        if (!OperatingSystem.IsLinux() || GetRusage(RusageChildren, out var usage) != 0)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromMicroseconds((usage.UserSeconds * 1e6) + usage.UserMicroseconds + (usage.SystemSeconds * 1e6) + usage.SystemMicroseconds);
    }

    private const int RusageChildren = -1;

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, out Rusage usage);

    /// <summary>The start of Linux's <c>struct rusage</c> on 64-bit: two timevals, then fourteen longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxResidentKilobytes;
        public long Ixrss;
        public long Idrss;
        public long Isrss;
        public long MinorFaults;
        public long MajorFaults;
        public long Swaps;
        public long BlocksIn;
        public long BlocksOut;
        public long MessagesSent;
        public long MessagesReceived;
        public long Signals;
        public long VoluntarySwitches;
        public long InvoluntarySwitches;
    }
}
