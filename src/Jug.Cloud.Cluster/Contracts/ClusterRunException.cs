namespace Jug.Cloud.Cluster.Contracts;

/// <summary>A cluster run could not start (its store failed, its package is missing): the message says why.</summary>
[GenerateSerializer]
[Alias("jug.ClusterRunException")]
public sealed class ClusterRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterRunException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClusterRunException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClusterRunException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
