namespace Jug.Cloud.Autoscaling;

/// <summary>
/// The loop: every interval, read the demand, decide a step, record it as metrics, and when the fleet
/// changes log one line with the reason and tell the provider. A reading that fails leaves the fleet
/// as it is; a provider that fails is told again at the next step.
/// </summary>
public sealed class Autoscaler(IDemandSource demand, IFleetProvider fleet, ScalingPolicy policy, TimeSpan interval, TimeProvider time, Action<string> log)
{
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
}
