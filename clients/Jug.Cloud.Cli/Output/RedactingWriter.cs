using System.Text;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Cli.Output;

/// <summary>
/// What System.CommandLine writes (help, with defaults a configuration file may have set to an
/// address with a password; parse errors quoting the command line), line by line through
/// <see cref="SecretText.Redact"/>. A line is written when it ends or on <see cref="Flush"/>.
/// </summary>
internal sealed class RedactingWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder _line = new();

    /// <inheritdoc />
    public override System.Text.Encoding Encoding => inner.Encoding;

    /// <inheritdoc />
    public override void Write(char value)
    {
        _line.Append(value);
        if (value == '\n')
        {
            EmitLine();
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        foreach (var c in value ?? "")
        {
            Write(c);
        }
    }

    /// <inheritdoc />
    public override void Flush()
    {
        EmitLine();
        inner.Flush();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void EmitLine()
    {
        if (_line.Length > 0)
        {
            inner.Write(SecretText.Redact(_line.ToString()));
            _line.Clear();
        }
    }
}
