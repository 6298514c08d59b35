namespace Jug.Cloud.Autoscaling;

/// <summary>
/// The loop: every interval, read the demand, decide a step, record it as metrics, and when the fleet
/// changes log one line with the reason and tell the provider; work that needs a tag the fleet lacks
/// is logged when its count changes. A reading that fails leaves the fleet
/// as it is; a provider that fails is told again at the next step.
/// </summary>
public sealed class Autoscaler(IDemandSource demand, IFleetProvider fleet, ScalingPolicy policy, TimeSpan interval, TimeProvider time, Action<string> log)
{
    private Dictionary<string, long> _unserved = new(StringComparer.Ordinal);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; the caller then disposes the provider (which drains what it owns).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                await StepAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One reading, decision and change.</summary>
    public async Task<ScalingStep?> StepAsync(CancellationToken cancellationToken)
    {
        if (await demand.ReadAsync(cancellationToken) is not { } sample)
        {
            return null;
        }

        var step = policy.Decide(fleet.Current, sample);
        AutoscalerMetrics.Record(step);
        ReportUnserved(step.Unserved);
        if (!step.Changes)
        {
            return step;
        }

        log(step.Reason);
        try
        {
            await fleet.ScaleAsync(step.Target, cancellationToken);
        }
        catch (FleetProviderException e)
        {
            log($"{fleet.Name} provider could not scale to {step.Target}: {e.Message}");
        }

        return step;
    }

    /// <summary>
    /// Says which tagged work the fleet leaves out, once per change of a tag's count rather than every
    /// step: such work does not progress by itself, so the same line would repeat for as long as it waits.
    /// </summary>
    private void ReportUnserved(IReadOnlyDictionary<string, long> unserved)
    {
        foreach (var (tag, tasks) in unserved)
        {
            if (_unserved.GetValueOrDefault(tag) != tasks)
            {
                log($"{tasks} ready tasks need tag {tag}, which silos of this fleet do not have");
            }
        }

        _unserved = new Dictionary<string, long>(unserved, StringComparer.Ordinal);
    }
}
