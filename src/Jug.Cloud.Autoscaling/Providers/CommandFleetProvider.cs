using System.Diagnostics;
using System.Globalization;

namespace Jug.Cloud.Autoscaling.Providers;

/// <summary>
/// A fleet some other system runs (a GCE managed instance group, an EC2 auto scaling group, …): each
/// change runs the user's command through <c>/bin/sh -c</c> with <c>{count}</c> replaced by the desired
/// number of silos. Only an integer is substituted, so nothing from the cluster reaches the shell. The
/// command is expected to drain what it removes (a cloud's group stops its machines with SIGTERM,
/// which drains a silo).
/// </summary>
public sealed class CommandFleetProvider : IFleetProvider
{
    /// <summary>The placeholder the command template must contain.</summary>
    public const string Placeholder = "{count}";

    private readonly string _template;
    private readonly TimeSpan _timeout;
    private readonly Action<string> _log;

    /// <summary>A provider running <paramref name="template"/>, assuming the fleet has <paramref name="current"/> silos now.</summary>
    /// <exception cref="ArgumentException">The template has no <c>{count}</c>.</exception>
    public CommandFleetProvider(string template, int current, TimeSpan timeout, Action<string> log)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(template);
        if (!template.Contains(Placeholder, StringComparison.Ordinal))
        {
            throw new ArgumentException($"--scale-command must contain {Placeholder}, the desired number of silos.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(current);
        _template = template;
        _timeout = timeout;
        _log = log;
        Current = current;
    }

    /// <inheritdoc />
    public string Name => "command";

    /// <inheritdoc />
    public int Current { get; private set; }

    /// <summary>The command line for <paramref name="count"/> silos.</summary>
    public string CommandFor(int count) => _template.Replace(Placeholder, count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <inheritdoc />
    public async Task ScaleAsync(int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(CommandFor(count));
        using var process = Process.Start(start) ?? throw new FleetProviderException("/bin/sh did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new FleetProviderException($"the scale command did not finish within {_timeout.TotalSeconds:0} s.");
        }

        foreach (var line in (await output + await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            _log($"[scale-command] {line}");
        }

        if (process.ExitCode != 0)
        {
            throw new FleetProviderException($"the scale command exited with {process.ExitCode}.");
        }

        Current = count;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
