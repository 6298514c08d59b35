using System.Text;
using System.Text.RegularExpressions;

namespace Jug.Cloud.Storage;

/// <summary>
/// A parsed <c>--jugdir</c>: a bare path or <c>file:///abs/path</c> (file store), <c>memory:</c> or
/// <c>memory:path/file</c>, or <c>scheme://[user[:password]@]host[:port][/path][?query]</c> for a
/// server-backed store (redis, s3, azblob, …). Which schemes can be opened is up to a <see cref="StoreRegistry"/>.
/// </summary>
public sealed partial class StoreLocation
{
    private static readonly IReadOnlyDictionary<string, string> NoQuery =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase).AsReadOnly();

    private StoreLocation(string scheme, string original, string? path, Uri? uri, IReadOnlyDictionary<string, string> query, IReadOnlyList<StoreHost>? hosts = null)
    {
        Scheme = scheme;
        Original = original;
        Path = path;
        Uri = uri;
        Query = query;
        Redacted = Redact(original);
        if (uri is not null)
        {
            Host = uri.Host;
            Port = uri.IsDefaultPort ? null : uri.Port;
            Hosts = hosts ?? [new StoreHost(Host, Port)];
            if (uri.UserInfo.Length > 0)
            {
                var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
                UserName = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
                Password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }
    }

    /// <summary>Lower-case scheme: <c>file</c>, <c>memory</c>, <c>redis</c>, …</summary>
    public string Scheme { get; }

    /// <summary>The text as given. It may hold a password: use <see cref="Redacted"/> in messages.</summary>
    public string Original { get; }

    /// <summary>The text as given with any password or secret query value replaced by <c>***</c>.</summary>
    public string Redacted { get; }

    /// <summary>The absolute path, for file stores and file-backed memory stores; null otherwise.</summary>
    public string? Path { get; }

    /// <summary>The parsed URI, for server-backed stores; null for file and memory locations.</summary>
    public Uri? Uri { get; }

    /// <summary>The host of a server URI (never empty for one); null for file and memory locations.</summary>
    public string? Host { get; }

    /// <summary>The port written in a server URI, or null if none was (the provider picks its default).</summary>
    public int? Port { get; }

    /// <summary>
    /// Every server of a URI naming several (<c>redis://h1:p1,h2:p2/…</c>), in the order written; the
    /// first is <see cref="Host"/> and <see cref="Port"/>. One entry for a URI with one host; empty for
    /// file and memory locations.
    /// </summary>
    public IReadOnlyList<StoreHost> Hosts { get; } = [];

    /// <summary>The user name of a server URI (unescaped), or null.</summary>
    public string? UserName { get; }

    /// <summary>The password of a server URI (unescaped), or null. Never shown by <see cref="ToString"/>.</summary>
    public string? Password { get; }

    /// <summary>The query string of a server URI as name/value pairs (names case-insensitive, values unescaped).</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>Parses a location; relative paths are resolved against <paramref name="baseDirectory"/> (default: the current directory).</summary>
    /// <exception cref="JugStoreException">The text is empty or malformed (a one-line message naming it).</exception>
    public static StoreLocation Parse(string text, string? baseDirectory = null) => Parse(text, baseDirectory, "The jugdir");

    /// <summary>
    /// Parses a location as <see cref="Parse(string, string?)"/> does; a message about bad text calls
    /// it <paramref name="subject"/> (<c>--cluster</c> for a cluster address) instead of the jugdir.
    /// </summary>
    /// <exception cref="JugStoreException">The text is empty or malformed (a one-line message naming it).</exception>
    public static StoreLocation Parse(string text, string? baseDirectory, string subject)
    {
        try
        {
            return ParseText(text, baseDirectory);
        }
        catch (LocationProblem problem)
        {
            var message = $"{subject} '{Quote(text ?? "")}' {problem.Message}";
            throw problem.InnerException is { } cause ? new JugStoreException(message, cause) : new JugStoreException(message);
        }
    }

    private static StoreLocation ParseText(string text, string? baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new LocationProblem("is empty: give a path or a store URI such as memory: or redis://host:6379.");
        }

        var root = baseDirectory ?? Directory.GetCurrentDirectory();
        var scheme = SchemePattern().Match(text);
        if (!scheme.Success)
        {
            return new StoreLocation("file", text, FullPath(text, root), null, NoQuery);
        }

        var name = scheme.Groups[1].Value.ToLowerInvariant();
        var rest = text[scheme.Length..];
        if (name == "memory")
        {
            if (rest.StartsWith("//", StringComparison.Ordinal))
            {
                throw Malformed("takes a file path after 'memory:' (memory:/abs/file or memory:rel/file), not '//'");
            }

            return new StoreLocation("memory", text, rest.Length == 0 ? null : FullPath(rest, root), null, NoQuery);
        }

        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            // RFC 8089 allows file:/abs/path; every other scheme needs an authority.
            if (name == "file" && rest.StartsWith('/'))
            {
                return new StoreLocation("file", text, FullPath(Uri.UnescapeDataString(rest), root), null, NoQuery);
            }

            throw Malformed($"is missing '//' after '{name}:' (expected {name}://host/...; write ./{Quote(text)} for a relative path)");
        }

        var (single, hosts) = SplitHosts(text, name, rest);
        if (!Uri.TryCreate(single, UriKind.Absolute, out var uri))
        {
            throw Malformed("is not a valid URI");
        }

        if (name == "file")
        {
            if (uri.Host.Length > 0 && !uri.IsLoopback)
            {
                throw Malformed("names a host; file URIs take a local path (file:///abs/path)");
            }

            // AbsolutePath, not LocalPath: LocalPath turns file://localhost/x into a UNC path.
            return new StoreLocation("file", text, FullPath(Uri.UnescapeDataString(uri.AbsolutePath), root), null, NoQuery);
        }

        if (uri.Host.Length == 0)
        {
            throw Malformed($"names no host (expected {name}://host/...)");
        }

        if (hosts is not null && name == "file")
        {
            throw Malformed("names several hosts; file URIs take a local path (file:///abs/path)");
        }

        return new StoreLocation(name, text, null, uri, ParseQuery(uri.Query), hosts);
    }

    /// <summary>
    /// A URI whose authority lists several <c>host[:port]</c> separated by commas, as the text with only
    /// the first (which <see cref="Uri"/> can parse) and the parsed list; the text unchanged and null
    /// when it names one host.
    /// </summary>
    private static (string Text, IReadOnlyList<StoreHost>? Hosts) SplitHosts(string text, string scheme, string rest)
    {
        var authorityStart = text.Length - rest.Length + 2;
        var authorityEnd = text.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = text.Length;
        }

        var at = text.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        var hostsStart = at < 0 ? authorityStart : at + 1;
        var list = text[hostsStart..authorityEnd];
        if (!list.Contains(',', StringComparison.Ordinal))
        {
            return (text, null);
        }

        var hosts = new List<StoreHost>();
        foreach (var item in list.Split(','))
        {
            if (item.Length == 0 || !Uri.TryCreate($"{scheme}://{item}/", UriKind.Absolute, out var one)
                || one.Host.Length == 0 || one.AbsolutePath != "/" || one.UserInfo.Length > 0 || one.Query.Length > 0)
            {
                throw Malformed($"has '{Quote(item)}' in its server list (expected host:port,host:port,...)");
            }

            hosts.Add(new StoreHost(one.Host, one.IsDefaultPort ? null : one.Port));
        }

        var first = list[..list.IndexOf(',', StringComparison.Ordinal)];
        return (string.Concat(text.AsSpan(0, hostsStart), first, text.AsSpan(authorityEnd)), hosts);
    }

    /// <summary>The location as given, without any password or secret query value.</summary>
    public override string ToString() => Redacted;

    private static string FullPath(string path, string root)
    {
        try
        {
            return System.IO.Path.GetFullPath(path, root);
        }
        catch (ArgumentException e)
        {
            throw new LocationProblem($"is not a valid path: {OneLine(e.Message)}", e);
        }
    }

    private static IReadOnlyDictionary<string, string> ParseQuery(string query)
    {
        if (query.Length <= 1)
        {
            return NoQuery;
        }

        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (key.Length == 0)
            {
                throw Malformed("has a query parameter with no name");
            }

            if (!result.TryAdd(key, value))
            {
                throw Malformed($"gives the query parameter '{Quote(key)}' twice");
            }
        }

        return result.AsReadOnly();
    }

    private static LocationProblem Malformed(string problem) => new($"{problem}.");

    /// <summary>
    /// Location text as it may appear in a message or a log: without any password or secret query
    /// value, on one line. Works on text that does not parse, too.
    /// </summary>
    public static string RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Quote(text);
    }

    /// <summary>The input as it may appear in a message: redacted and on one line.</summary>
    private static string Quote(string text) => OneLine(Redact(text));

    private static string OneLine(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Hides the password of <c>scheme://user:password@host</c> (or <c>scheme:user:password@host</c>) and the values of secret-looking query
    /// parameters (SAS signatures, keys, tokens). Works on text that is not a valid URI too, since
    /// error messages quote exactly that.
    /// </summary>
    private static string Redact(string text)
    {
        // Text missing its '//' (redis:user:password@host) still carries user info after its scheme.
        var authority = text.IndexOf("://", StringComparison.Ordinal);
        var scheme = SchemePattern().Match(text);
        var start = authority >= 0 ? authority + 3 : scheme.Success ? scheme.Length : -1;
        if (start < 0)
        {
            return text;
        }

        var end = text.IndexOfAny(['?', '#'], start);
        if (end < 0)
        {
            end = text.Length;
        }

        // The last '@' before the query ends the user info, so a password may itself hold '@' or '/'.
        var at = text.LastIndexOf('@', end - 1, end - start);
        if (at >= 0)
        {
            var colon = text.IndexOf(':', start, at - start);
            if (colon >= 0)
            {
                text = string.Concat(text.AsSpan(0, colon + 1), "***", text.AsSpan(at));
            }
        }

        return SecretText.RedactLocationQuery(text);
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*):")]
    private static partial Regex SchemePattern();

    /// <summary>What is wrong with location text, said without naming the text; <see cref="Parse(string, string?, string)"/> names it.</summary>
    private sealed class LocationProblem(string problem, Exception? cause = null) : Exception(problem, cause);
}
