namespace Jug.Cloud.Autoscaling;

/// <summary>Where the autoscaler reads the cluster's demand from.</summary>
public interface IDemandSource : IAsyncDisposable
{
    /// <summary>The demand now, or null when it cannot be read now (the fleet is then left as it is).</summary>
    Task<DemandSample?> ReadAsync(CancellationToken cancellationToken);
}
