namespace Jug.Cloud.Cluster;

/// <summary>The grain storage the cluster's persistent grains use (Redis, configured by the silo host).</summary>
public static class ClusterStorage
{
    /// <summary>The storage provider's name.</summary>
    public const string Name = "jugcloud";
}
