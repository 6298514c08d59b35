using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>
/// Jug's <c>sleep-until</c>: waits until every task of a graph is done, checking the store once per
/// cycle (workers elsewhere write the results; nothing here runs tasks).
/// </summary>
public static class GraphWaiter
{
    /// <summary>
    /// Checks <paramref name="store"/> now and then once per <see cref="WaitOptions.CycleTime"/> until
    /// every task is done, a failure can no longer be retried by anyone, or the timeout passes.
    /// </summary>
    /// <remarks>
    /// A failure ends the wait only when it is seen on two checks in a row with no claim held and no
    /// task finished in between: a store without claims (an <c>execute</c> that does not take them)
    /// still shows progress while a run goes on, and a failed attempt that is about to be retried is
    /// not mistaken for the end.
    /// </remarks>
    public static async Task<WaitResult> WaitUntilDoneAsync(
        TaskGraph graph,
        IJugStore store,
        WaitOptions options,
        IProgress<StatusReport>? progress = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        if (options.CycleTime <= TimeSpan.Zero)
        {
            throw new ArgumentException("The wait cycle time must be positive.", nameof(options));
        }

        time ??= TimeProvider.System;
        var start = time.GetTimestamp();
        int? doneWhenStalled = null;
        while (true)
        {
            var status = await GraphStatus.ComputeAsync(graph, store, cancellationToken);
            progress?.Report(status);
            var elapsed = time.GetElapsedTime(start);
            if (status.AllDone)
            {
                return new WaitResult(WaitOutcome.AllDone, status, elapsed);
            }

            var total = status.Total;
            var stalled = total.Failed > 0 && total.Running == 0;
            if (stalled && doneWhenStalled == total.Done)
            {
                return new WaitResult(WaitOutcome.Failed, status, elapsed);
            }

            doneWhenStalled = stalled ? total.Done : null;
            var delay = options.CycleTime;
            if (options.Timeout is { } timeout)
            {
                var left = timeout - elapsed;
                if (left <= TimeSpan.Zero)
                {
                    return new WaitResult(WaitOutcome.TimedOut, status, elapsed);
                }

                // Check once more at the deadline rather than sleeping past it.
                delay = left < delay ? left : delay;
            }

            await Task.Delay(delay, time, cancellationToken);
        }
    }
}
