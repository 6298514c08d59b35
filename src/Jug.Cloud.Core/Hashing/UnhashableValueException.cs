namespace Jug.Cloud.Hashing;

/// <summary>A value has no canonical hash (a delegate, a stream, an object with no public state).</summary>
public sealed class UnhashableValueException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnhashableValueException()
    {
    }

    /// <summary>Creates the exception with a message that names the type and why.</summary>
    public UnhashableValueException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public UnhashableValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
