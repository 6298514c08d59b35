namespace Jug.Cloud.Autoscaling;

/// <summary>
/// What starts and stops silos: the autoscaler says how many it wants, the provider makes it so.
/// Disposing it ends what it owns the way scaling down does (local silos are drained).
/// </summary>
public interface IFleetProvider : IAsyncDisposable
{
    /// <summary>A short name for logs: <c>local</c>, <c>command</c>.</summary>
    string Name { get; }

    /// <summary>The silos the provider has now, not counting those being drained.</summary>
    int Current { get; }

    /// <summary>
    /// Starts silos, or drains the surplus, until <see cref="Current"/> is <paramref name="count"/>.
    /// Returns once the change is made (started or asked to drain), not once silos joined or left.
    /// </summary>
    /// <exception cref="FleetProviderException">The change could not be made; the fleet is as <see cref="Current"/> says.</exception>
    Task ScaleAsync(int count, CancellationToken cancellationToken);
}

/// <summary>A provider could not change the fleet.</summary>
public sealed class FleetProviderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FleetProviderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public FleetProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public FleetProviderException()
    {
    }
}
