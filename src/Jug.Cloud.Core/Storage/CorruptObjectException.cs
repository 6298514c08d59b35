namespace Jug.Cloud.Storage;

/// <summary>A stored object whose header, length or checksum does not verify.</summary>
public sealed class CorruptObjectException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CorruptObjectException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CorruptObjectException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CorruptObjectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
