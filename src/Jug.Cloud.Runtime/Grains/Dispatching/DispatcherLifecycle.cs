namespace Jug.Cloud.Runtime.Grains.Dispatching;

/// <summary>
/// The dispatcher's phase (<see cref="DispatcherPhase"/>), whether it is stopping, and the rule that
/// decides when a run is over.
/// </summary>
/// <param name="supervised">The run has a supervisor (a cluster epoch), so it can lose its state.</param>
internal sealed class DispatcherLifecycle(bool supervised)
{
    /// <summary>Where the dispatcher is in its life.</summary>
    public DispatcherPhase Phase { get; private set; }

    /// <summary>Hands out no new task: stopped by its owner, or a task failed for good without keep-going.</summary>
    public bool Stopping { get; private set; }

    /// <summary>The run has a supervisor, so it can lose its state and be submitted again.</summary>
    public bool Supervised { get; } = supervised;

    /// <summary>Settings were given (a later phase implies it).</summary>
    public bool IsConfigured => Phase != DispatcherPhase.Unconfigured;

    /// <summary>
    /// What this activation knows of the run cannot be trusted: it was lost, or a supervised run's
    /// dispatcher was activated again after its silo died and never configured.
    /// </summary>
    public bool HasLostState => Phase == DispatcherPhase.Lost || (Supervised && Phase == DispatcherPhase.Unconfigured);

    /// <summary>The run finished.</summary>
    public bool IsFinished => Phase == DispatcherPhase.Finished;

    /// <summary>Settings arrived; configuring again changes no phase.</summary>
    public void Configure()
    {
        if (Phase == DispatcherPhase.Unconfigured)
        {
            Phase = DispatcherPhase.Submitting;
        }
    }

    /// <summary>Every task is submitted.</summary>
    public void Seal()
    {
        if (Phase is DispatcherPhase.Unconfigured or DispatcherPhase.Submitting)
        {
            Phase = DispatcherPhase.Sealed;
        }
    }

    /// <summary>Hand out no new task from now on.</summary>
    public void Stop() => Stopping = true;

    /// <summary>The run's state here is incomplete. A finished run stays finished.</summary>
    public void Lose()
    {
        if (Phase != DispatcherPhase.Finished)
        {
            Phase = DispatcherPhase.Lost;
        }
    }

    /// <summary>
    /// Ends the run if it is sealed and nothing is leased or being reported, and — unless it is
    /// stopping — nothing is queued, retrying or held elsewhere. A run that found inputs missing ends
    /// lost instead, unless it is stopping anyway.
    /// </summary>
    public FinishCheck CheckFinished(in OutstandingWork work)
    {
        var waitingForWork = !Stopping && (work.Queued > 0 || work.Retrying > 0 || work.HeldElsewhere > 0);
        if (Phase != DispatcherPhase.Sealed || work.Leased > 0 || work.ReportsInFlight > 0 || waitingForWork)
        {
            return FinishCheck.NotYet;
        }

        if (work.InputsMissing > 0 && !Stopping)
        {
            Phase = DispatcherPhase.Lost;
            return FinishCheck.InputsMissing;
        }

        Phase = DispatcherPhase.Finished;
        return FinishCheck.Finished;
    }
}
