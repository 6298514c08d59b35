namespace Jug.Cloud.Storage;

/// <summary>A store cannot be opened or used: a malformed or unsupported URI, an unreachable server.</summary>
public sealed class JugStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JugStoreException()
    {
    }

    /// <summary>Creates the exception with a one-line message.</summary>
    public JugStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and a cause.</summary>
    public JugStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
