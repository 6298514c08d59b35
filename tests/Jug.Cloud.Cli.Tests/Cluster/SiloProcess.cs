using System.Diagnostics;
using Jug.Cloud.Cli.Tests.EndToEnd;

namespace Jug.Cloud.Cli.Tests.Cluster;

/// <summary>A long-running <c>jugcloud</c> process on loopback (a silo, or a status page), stopped (or killed) by its pid.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Text.StringBuilder _log = new();

    private readonly string _readyPrefix;

    private SiloProcess(Process process, string name, string readyPrefix)
    {
        _process = process;
        Name = name;
        _readyPrefix = readyPrefix;
    }

    /// <summary>The silo's name, as recorded with the tasks it runs.</summary>
    public string Name { get; }

    /// <summary>What the silo printed.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts a silo (two slots unless <paramref name="extra"/> says <c>--slots</c>) and waits until it has joined the cluster.</summary>
    public static async Task<SiloProcess> StartAsync(string work, string cluster, string jugdir, string name, params string[] extra)
    {
        string[] slots = extra.Contains("--slots") ? [] : ["--slots", "2"];
        string[] arguments = ["silo", "--cluster", cluster, "--jugdir", jugdir, .. slots, "--name", name, "--cache-dir", Path.Combine(work, "cache-" + name), .. extra];
        return await StartAsync(work, name, "Silo ", arguments);
    }

    /// <summary>Starts <c>jugcloud</c> with <paramref name="arguments"/> and waits for the first line that starts with <paramref name="readyPrefix"/> (<see cref="ReadyLine"/>).</summary>
    public static async Task<SiloProcess> StartAsync(string work, string name, string readyPrefix, string[] arguments)
    {
        var silo = new SiloProcess(Process.Start(CliRunner.StartInfo(work, arguments))!, name, readyPrefix);
        silo._process.OutputDataReceived += (_, e) => silo.Append(e.Data, fromStdout: true);
        silo._process.ErrorDataReceived += (_, e) => silo.Append(e.Data, fromStdout: false);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        var started = await Task.WhenAny(silo._ready.Task, silo._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(1)));
        if (started != silo._ready.Task)
        {
            throw new InvalidOperationException($"{name} did not print '{readyPrefix}…':\n{silo.Log}");
        }

        return silo;
    }

    /// <summary>
    /// Fails unless the log reads as a user's log should: one line per event, no stack trace frames, no
    /// line of kilobytes, none of Orleans' notes a user cannot act on, and at most one line saying
    /// the silo stops.
    /// </summary>
    public void AssertLogIsQuiet()
    {
        var lines = Log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.StartsWith("--- End of", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Length > 700);
        Assert.DoesNotContain(lines, l => l.Contains("ServerGC", StringComparison.Ordinal) || l.Contains("Orleans.Runtime.Watchdog", StringComparison.Ordinal) || l.Contains("' stopped in stage '", StringComparison.Ordinal));
        Assert.True(lines.Count(l => l.StartsWith("Draining:", StringComparison.Ordinal) || l.StartsWith("Stopping", StringComparison.Ordinal)) <= 1, Log);
    }

    /// <summary>The line that said the process is ready.</summary>
    public string ReadyLine => _ready.Task.Result;

    /// <summary>SIGKILL: the silo gets no chance to hand anything back.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a service manager stops it; returns the exit code, or null if it did not exit within <paramref name="timeout"/>.</summary>
    public async Task<int?> TerminateAsync(TimeSpan timeout)
    {
        await SignalTermAsync();
        return await WaitForExitAsync(timeout);
    }

    /// <summary>Waits for the process to end on its own; returns the exit code, or null if it still runs after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>SIGTERM, as a service manager stops it; killed if it does not leave in time.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await SignalTermAsync();

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private async Task SignalTermAsync()
    {
        using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await term.WaitForExitAsync();
    }

    private void Append(string? line, bool fromStdout)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (fromStdout && line.StartsWith(_readyPrefix, StringComparison.Ordinal))
        {
            _ready.TrySetResult(line);
        }
    }
}
