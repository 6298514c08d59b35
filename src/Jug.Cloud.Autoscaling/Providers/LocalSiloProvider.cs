using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Jug.Cloud.Autoscaling.Providers;

/// <summary>
/// Silos as child processes on this machine: scaling up starts <c>jugcloud silo</c> processes with the
/// cluster, jugdir and slots of <see cref="SiloLaunch"/>; scaling down sends the newest ones SIGTERM,
/// which drains them (tasks not started go back at once, running ones finish and are stored) before
/// they leave. Disposing drains every silo and waits for them to exit. Each line a silo prints is
/// passed to the log with its name.
/// </summary>
public sealed partial class LocalSiloProvider(SiloLaunch launch, Action<string> log) : IFleetProvider
{
    private const int SigTerm = 15;
    private readonly List<LocalSilo> _running = [];
    private readonly List<LocalSilo> _draining = [];
    private readonly List<Process> _all = [];
    private int _started;

    /// <inheritdoc />
    public string Name => "local";

    /// <inheritdoc />
    public int Current
    {
        get
        {
            lock (_running)
            {
                // A silo that exited by itself (it crashed, or could not join) no longer counts: the next step replaces it.
                _running.RemoveAll(s => s.Process.HasExited);
                return _running.Count;
            }
        }
    }

    /// <summary>The process ids of the silos started and not drained, oldest first.</summary>
    public IReadOnlyList<int> ProcessIds
    {
        get
        {
            lock (_running)
            {
                return [.. _running.Select(s => s.Process.Id)];
            }
        }
    }

    /// <inheritdoc />
    public Task ScaleAsync(int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_running)
        {
            while (Current < count)
            {
                _running.Add(Start());
            }

            while (_running.Count > count)
            {
                var newest = _running[^1];
                _running.RemoveAt(_running.Count - 1);
                Drain(newest);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await ScaleAsync(0, CancellationToken.None);
        LocalSilo[] leaving;
        lock (_running)
        {
            leaving = [.. _draining];
        }

        await Task.WhenAll(leaving.Select(WaitForExitAsync));
        lock (_running)
        {
            _all.ForEach(p => p.Dispose());
            _all.Clear();
        }
    }

    private LocalSilo Start()
    {
        var name = $"{launch.NamePrefix}-{Interlocked.Increment(ref _started)}";
        var start = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in launch.Prefix.Concat(["silo", "--cluster", launch.Cluster, "--jugdir", launch.Jugdir, "--slots", launch.Slots.ToString(CultureInfo.InvariantCulture), "--name", name]).Concat(launch.Extra))
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new FleetProviderException($"{launch.FileName} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FleetProviderException($"cannot start {launch.FileName}: {e.Message}", e);
        }

        _all.Add(process);
        process.OutputDataReceived += (_, e) => Forward(name, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(name, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log($"started silo {name} (pid {process.Id})");
        return new LocalSilo(name, process);
    }

    private void Drain(LocalSilo silo)
    {
        _draining.Add(silo);
        if (!silo.Process.HasExited && Kill(silo.Process.Id, SigTerm) != 0)
        {
            log($"could not signal silo {silo.Name} (pid {silo.Process.Id}): errno {Marshal.GetLastPInvokeError()}");
        }
        else
        {
            log($"draining silo {silo.Name} (pid {silo.Process.Id})");
        }

        // Reaped in the background so that the autoscaler never waits on a drain.
        _ = silo.Process.WaitForExitAsync().ContinueWith(
            _ =>
            {
                log($"silo {silo.Name} exited ({silo.Process.ExitCode})");
                lock (_running)
                {
                    _draining.Remove(silo);
                }
            },
            TaskScheduler.Default);
    }

    private async Task WaitForExitAsync(LocalSilo silo)
    {
        using var limit = new CancellationTokenSource(launch.ExitTimeout);
        try
        {
            await silo.Process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            log($"silo {silo.Name} did not leave within {launch.ExitTimeout.TotalSeconds:0} s: killed");
            silo.Process.Kill();
        }
    }

    private void Forward(string name, string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            log($"[{name}] {line}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private sealed record LocalSilo(string Name, Process Process);
}
