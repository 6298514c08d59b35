namespace Jug.Cloud.Runtime.Grains.Dispatching;

/// <summary>Where a run's dispatcher is in its life. Stopping is not a phase: a run may stop while it is still submitted.</summary>
internal enum DispatcherPhase
{
    /// <summary>Activated, no settings yet. A supervised dispatcher still here when asked has lost its state.</summary>
    Unconfigured,

    /// <summary>Configured; tasks are being submitted and may already run.</summary>
    Submitting,

    /// <summary>Every task submitted; the run finishes once nothing is left to hand out or hear about.</summary>
    Sealed,

    /// <summary>Over: takers are told so, and the supervisor was told once.</summary>
    Finished,

    /// <summary>The run's state here is incomplete (a shard died, inputs vanished): a new epoch runs what is left.</summary>
    Lost,
}
