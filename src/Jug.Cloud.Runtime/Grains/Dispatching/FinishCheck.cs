namespace Jug.Cloud.Runtime.Grains.Dispatching;

/// <summary>What <see cref="DispatcherLifecycle.CheckFinished"/> decided.</summary>
internal enum FinishCheck
{
    /// <summary>Work is left, or the run is not sealed, or it already ended.</summary>
    NotYet,

    /// <summary>The run just finished.</summary>
    Finished,

    /// <summary>Everything else ran, but inputs went missing: the epoch is lost so that a new one runs them again.</summary>
    InputsMissing,
}
