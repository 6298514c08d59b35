using System.Diagnostics;
using Jug.Cloud.Cli.Tests.EndToEnd;

namespace Jug.Cloud.Cli.Tests.Cluster;

/// <summary>A <c>jugcloud silo</c> process on loopback, stopped (or killed) by its pid.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Text.StringBuilder _log = new();

    private SiloProcess(Process process, string name)
    {
        _process = process;
        Name = name;
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
        var silo = new SiloProcess(Process.Start(CliRunner.StartInfo(work, arguments))!, name);
        silo._process.OutputDataReceived += (_, e) => silo.Append(e.Data, joinedLine: e.Data?.StartsWith("Silo ", StringComparison.Ordinal) == true);
        silo._process.ErrorDataReceived += (_, e) => silo.Append(e.Data, joinedLine: false);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        var started = await Task.WhenAny(silo._joined.Task, silo._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(1)));
        if (started != silo._joined.Task)
        {
            throw new InvalidOperationException($"Silo {name} did not join the cluster:\n{silo.Log}");
        }

        return silo;
    }

    /// <summary>SIGKILL: the silo gets no chance to hand anything back.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a service manager stops it; killed if it does not leave in time.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

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

    private void Append(string? line, bool joinedLine)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (joinedLine)
        {
            _joined.TrySetResult();
        }
    }
}
