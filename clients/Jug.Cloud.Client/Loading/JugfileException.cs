namespace Jug.Cloud.Client;

/// <summary>A jugfile cannot be found, built or run; the message is one line for the user.</summary>
public sealed class JugfileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JugfileException()
    {
    }

    /// <summary>Creates the exception with a one-line message.</summary>
    public JugfileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message, details to show first (compiler errors) and a cause.</summary>
    public JugfileException(string message, string? details, Exception? innerException = null)
        : base(message, innerException) => Details = details;

    /// <summary>Creates the exception with a message and a cause.</summary>
    public JugfileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What to print before the message (the compiler's errors), if anything.</summary>
    public string? Details { get; }
}
