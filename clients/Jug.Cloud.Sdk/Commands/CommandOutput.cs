namespace Jug.Cloud;

/// <summary>What an external command task stores: the output files it promised (path, size, SHA-256) and its standard output.</summary>
/// <param name="Files">The output files, in the order declared.</param>
/// <param name="StandardOutput">What the program wrote to standard output (at most the last 64 KB).</param>
public sealed record CommandOutput(IReadOnlyList<OutputFile> Files, string StandardOutput);

/// <summary>One output file of an external command.</summary>
/// <param name="Path">The absolute path.</param>
/// <param name="Length">Its size in bytes when the command finished.</param>
/// <param name="Sha256">The lower-case hex SHA-256 of its content then, so a later change can be noticed.</param>
public sealed record OutputFile(string Path, long Length, string Sha256);

/// <summary>An external command exited with a non-zero code, or did not write an output file it promised.</summary>
public sealed class ExternalCommandException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExternalCommandException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ExternalCommandException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ExternalCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
