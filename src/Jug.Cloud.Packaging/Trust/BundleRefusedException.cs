namespace Jug.Cloud.Packaging.Trust;

/// <summary>A bundle (or graph package) a silo will not load: its content does not match its id, or it lacks a valid fleet signature.</summary>
public sealed class BundleRefusedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public BundleRefusedException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public BundleRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public BundleRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="bundleId"/>, saying why.</summary>
    public BundleRefusedException(string bundleId, string reason)
        : base($"Bundle {bundleId} refused: {reason}.")
    {
        BundleId = bundleId;
    }

    /// <summary>The bundle refused.</summary>
    public string? BundleId { get; }
}
