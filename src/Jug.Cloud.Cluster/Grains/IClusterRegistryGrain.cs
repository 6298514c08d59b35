using Jug.Cloud.Cluster.Contracts;

namespace Jug.Cloud.Cluster.Grains;

/// <summary>
/// The cluster's list of runs (one grain, key <see cref="ClusterRegistry.Key"/>, state in Redis):
/// workers long-poll it for runs to join, <c>status --cluster</c> lists runs from it.
/// </summary>
[Alias("jug.IClusterRegistryGrain")]
public interface IClusterRegistryGrain : IGrainWithStringKey
{
    /// <summary>Adds a run to the active list, or replaces it (a new epoch).</summary>
    [Alias("Publish")]
    Task Publish(RunDescriptor run);

    /// <summary>Takes a run off the active list; it stays in the recent list.</summary>
    [Alias("Retire")]
    Task Retire(string runId);

    /// <summary>The active runs, once they differ from version <paramref name="knownVersion"/> or after a few seconds.</summary>
    [Alias("WatchRuns")]
    Task<RunList> WatchRuns(long knownVersion);

    /// <summary>Recent runs, newest first (active ones included).</summary>
    [Alias("ListRuns")]
    Task<RunDescriptor[]> ListRuns();

    /// <summary>The jugdir runs use when the submitter names none (the first silo's <c>--jugdir</c>).</summary>
    [Alias("GetDefaultJugdir")]
    Task<string?> GetDefaultJugdir();

    /// <summary>
    /// Asks the silo at <paramref name="siloAddress"/> (its parsable Orleans address) to drain and leave
    /// the cluster, as SIGTERM does; it hears of it in its next poll of <see cref="WatchRuns"/>.
    /// </summary>
    [Alias("RequestDrain")]
    Task RequestDrain(string siloAddress);

    /// <summary>Sets the default jugdir unless one is set; returns the one in force.</summary>
    [Alias("OfferDefaultJugdir")]
    Task<string> OfferDefaultJugdir(string jugdir);
}

/// <summary>The active runs at some version of the registry.</summary>
/// <param name="Version">Changes whenever the list (or <paramref name="Draining"/>) does.</param>
/// <param name="Runs">The active runs.</param>
/// <param name="Draining">Addresses of silos asked to drain and leave (<see cref="IClusterRegistryGrain.RequestDrain"/>).</param>
[GenerateSerializer]
[Immutable]
[Alias("jug.RunList")]
public sealed record RunList([property: Id(0)] long Version, [property: Id(1)] RunDescriptor[] Runs, [property: Id(2)] string[] Draining);

/// <summary>Where the registry grain is.</summary>
public static class ClusterRegistry
{
    /// <summary>The registry grain's key.</summary>
    public const string Key = "registry";

    /// <summary>The registry of the cluster <paramref name="grains"/> belongs to.</summary>
    public static IClusterRegistryGrain Of(IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IClusterRegistryGrain>(Key);
    }
}
