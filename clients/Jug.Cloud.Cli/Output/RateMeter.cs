namespace Jug.Cloud.Cli.Output;

/// <summary>
/// Tasks per second over the last few seconds of progress reports, so the rate shown reflects the
/// work now, not the start-up of the engine.
/// </summary>
internal sealed class RateMeter
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    private readonly Queue<(TimeSpan Elapsed, int Executed)> _samples = new();

    /// <summary>Records a report and returns the rate over the window.</summary>
    public double Add(TimeSpan elapsed, int executed)
    {
        _samples.Enqueue((elapsed, executed));
        while (_samples.Count > 2 && elapsed - _samples.Peek().Elapsed > Window)
        {
            _samples.Dequeue();
        }

        var (firstElapsed, firstExecuted) = _samples.Peek();
        var seconds = (elapsed - firstElapsed).TotalSeconds;
        return seconds > 0 ? (executed - firstExecuted) / seconds : 0;
    }
}
