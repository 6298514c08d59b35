namespace Jug.Cloud.Runtime.Workers;

/// <summary>A task changed one of its arguments while it ran (found with argument checking on).</summary>
public sealed class ArgumentMutatedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ArgumentMutatedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ArgumentMutatedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ArgumentMutatedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
