namespace Jug.Cloud;

/// <summary>A task cannot be declared: its function has no stable identity or an argument cannot be hashed.</summary>
public sealed class JugDeclarationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JugDeclarationException()
    {
    }

    /// <summary>Creates the exception with a message that names the call.</summary>
    public JugDeclarationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public JugDeclarationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
