using System.Runtime.InteropServices;

namespace Jug.Cloud.Cli;

/// <summary>
/// Ctrl-C and SIGTERM ask for a graceful stop: the token is cancelled, running tasks finish and are
/// stored, nothing new starts. A second Ctrl-C aborts at once (results already stored are kept;
/// nothing half-written is ever readable).
/// </summary>
internal sealed class GracefulStop : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _sigterm;
    private readonly string _message;

    /// <param name="command">The command being run: a silo drains, which its line says.</param>
    public GracefulStop(string? command = null)
    {
        _message = command == "silo"
            ? "Draining: tasks not started go back to the cluster, running ones finish and are stored (within --drain-timeout), then this silo leaves. Press Ctrl-C again to abort them."
            : "Stopping: running tasks will finish and be stored. Press Ctrl-C again to abort them.";
        Console.CancelKeyPress += OnCancelKeyPress;
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Request();
        });
    }

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _sigterm.Dispose();
        _stop.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (_stop.IsCancellationRequested)
        {
            return; // The second Ctrl-C: let it end the process.
        }

        e.Cancel = true;
        Request();
    }

    private void Request()
    {
        if (!_stop.IsCancellationRequested)
        {
            Console.Error.WriteLine(_message);
            _stop.Cancel();
        }
    }
}
