using System.Text.RegularExpressions;

namespace Jug.Cloud.Storage;

/// <summary>
/// A parsed <c>--jugdir</c>: a bare path or <c>file:///abs/path</c> (file store), <c>memory:</c> or
/// <c>memory:path/file</c>, or <c>scheme://…</c> for a server-backed store.
/// </summary>
public sealed partial class StoreLocation
{
    private StoreLocation(string scheme, string original, string? path, Uri? uri)
    {
        Scheme = scheme;
        Original = original;
        Path = path;
        Uri = uri;
    }

    /// <summary>Lower-case scheme: <c>file</c>, <c>memory</c>, <c>redis</c>, …</summary>
    public string Scheme { get; }

    /// <summary>The text as given.</summary>
    public string Original { get; }

    /// <summary>The absolute path, for file and file-backed memory stores.</summary>
    public string? Path { get; }

    /// <summary>The parsed URI, for server-backed stores.</summary>
    public Uri? Uri { get; }

    /// <summary>Parses a location; relative paths are resolved against <paramref name="baseDirectory"/> (default: the current directory).</summary>
    /// <exception cref="JugStoreException">The text is empty or malformed (one-line message).</exception>
    public static StoreLocation Parse(string text, string? baseDirectory = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new JugStoreException("The jugdir is empty; give a path or a store URI such as memory: or redis://host:6379.");
        }

        var root = baseDirectory ?? Directory.GetCurrentDirectory();
        if (text.StartsWith("memory:", StringComparison.OrdinalIgnoreCase))
        {
            var file = text["memory:".Length..];
            return new StoreLocation("memory", text, file.Length == 0 ? null : System.IO.Path.GetFullPath(file, root), null);
        }

        var scheme = SchemePattern().Match(text);
        if (!scheme.Success)
        {
            return new StoreLocation("file", text, System.IO.Path.GetFullPath(text, root), null);
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw new JugStoreException($"The jugdir '{Redact(text)}' is not a valid URI.");
        }

        var name = uri.Scheme.ToLowerInvariant();
        if (name == "file")
        {
            return new StoreLocation("file", text, uri.LocalPath, null);
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            throw new JugStoreException($"The jugdir '{Redact(text)}' names no host (expected {name}://host/...).");
        }

        return new StoreLocation(name, text, null, uri);
    }

    /// <summary>The query string as name/value pairs.</summary>
    public IReadOnlyDictionary<string, string> Query =>
        Uri is null || Uri.Query.Length <= 1
            ? new Dictionary<string, string>()
            : Uri.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "", StringComparer.OrdinalIgnoreCase);

    /// <summary>The location without any password.</summary>
    public override string ToString() => Redact(Original);

    private static string Redact(string text) => PasswordPattern().Replace(text, "$1:***@");

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex SchemePattern();

    [GeneratedRegex("(//[^:/@]*):[^@/]*@")]
    private static partial Regex PasswordPattern();
}
