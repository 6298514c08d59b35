namespace Jug.Cloud.Web.Access;

/// <summary>
/// Who may read and act on the page. With no token the page is open (for loopback, or behind the
/// host's own authorization); with a read token every request needs a token; actions need the write
/// token, and a read-only page has none.
/// </summary>
public sealed class WebStatusOptions
{
    /// <summary>The configuration section these bind from.</summary>
    public const string Section = "JugCloud:Web";

    /// <summary>The token that lets a request read (the write token reads too); null for none.</summary>
    public string? ReadToken { get; set; }

    /// <summary>The token that lets a request act; without it, a page that has a read token has no actions.</summary>
    public string? WriteToken { get; set; }

    /// <summary>True to offer no actions at all.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>Origins (<c>https://host:port</c>) whose pages may read the API from the browser (the widget); none by default.</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>True if any token is configured.</summary>
    public bool HasTokens => !string.IsNullOrEmpty(ReadToken) || !string.IsNullOrEmpty(WriteToken);

    /// <summary>The options without their tokens, for a message or a log.</summary>
    public override string ToString() =>
        $"read token {(string.IsNullOrEmpty(ReadToken) ? "none" : "set")}, write token {(string.IsNullOrEmpty(WriteToken) ? "none" : "set")}, read-only {ReadOnly}, allowed origins [{string.Join(", ", AllowedOrigins)}]";
}
