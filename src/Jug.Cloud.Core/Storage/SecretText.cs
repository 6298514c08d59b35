using System.Text.RegularExpressions;

namespace Jug.Cloud.Storage;

/// <summary>
/// Hides secrets in free text that may quote store or cluster addresses: an error message, a
/// configuration value, a help page. Every <c>scheme://user:password@</c> (also without the
/// <c>//</c>) loses its password and every secret-looking query value (SAS signatures, keys, tokens,
/// passwords) its value, wherever they stand in the text and however many there are.
/// </summary>
public static partial class SecretText
{
    /// <summary>The text with every password and secret query value replaced by <c>***</c>.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SecretQueryInTextPattern().Replace(UserInfoPattern().Replace(text, "${head}***"), "$1$2=***");
    }

    /// <summary>
    /// One location's text with the values of its secret-looking query parameters replaced by
    /// <c>***</c>: a value runs to the next parameter, spaces included.
    /// </summary>
    internal static string RedactLocationQuery(string text) => SecretQueryPattern().Replace(text, "$1$2=***");

    // The password runs to the last '@' of its token, since a password may itself hold '@' or '/';
    // a token ends at white space or at what closes a quoted or bracketed value.
    [GeneratedRegex("""(?<head>\b[A-Za-z][A-Za-z0-9+.-]*:(?://)?[^\s:/?#@"'\[\]{}(),]*:)[^\s"'\]})]+(?=@)""")]
    private static partial Regex UserInfoPattern();

    /// <summary>What a query parameter's name holds when its value is a secret.</summary>
    private const string SecretName = "(?:password|passwd|secret|token|key|sig|signature|credential)";

    [GeneratedRegex("([?&])([^=&#]*" + SecretName + "[^=&#]*)=[^&#]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretQueryPattern();

    // In free text a value ends where its token does (at a space, a quote or a closing bracket), and a
    // quoted JSON value may write '&' as \u0026.
    [GeneratedRegex("""(\?|&|\\u0026)([^=&#\s"'\\]*""" + SecretName + """[^=&#\s"'\\]*)=[^&#\s"'\\\]})]*""", RegexOptions.IgnoreCase)]
    private static partial Regex SecretQueryInTextPattern();
}
