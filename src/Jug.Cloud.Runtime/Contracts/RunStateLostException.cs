namespace Jug.Cloud.Runtime.Contracts;

/// <summary>
/// A grain of a run was asked about tasks it never received: it was activated again after its silo
/// died, and its state went with it. The run's supervisor submits the run again.
/// </summary>
[GenerateSerializer]
[Alias("jug.RunStateLostException")]
public sealed class RunStateLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunStateLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RunStateLostException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public RunStateLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
