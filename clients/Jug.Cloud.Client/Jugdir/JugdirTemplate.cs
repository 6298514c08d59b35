using System.Globalization;
using System.Text.RegularExpressions;

namespace Jug.Cloud.Client;

/// <summary>
/// Jug's <c>--jugdir</c> placeholders: <c>%(jugfile)s</c> is the jugfile's name without extension and
/// <c>%(date)s</c> today's date as <c>yyyy-MM-dd</c> (Jug's format), so
/// <c>runs/%(jugfile)s-%(date)s.jugdata</c> gives each day its own jugdir. Any other <c>%</c> is left
/// alone, so percent-encoded store URIs pass through.
/// </summary>
public static partial class JugdirTemplate
{
    /// <summary>True if <paramref name="jugdir"/> names the jugfile, which then has to be located first.</summary>
    public static bool UsesJugfile(string jugdir)
    {
        ArgumentNullException.ThrowIfNull(jugdir);
        return jugdir.Contains("%(jugfile)s", StringComparison.Ordinal);
    }

    /// <summary>Replaces the placeholders in <paramref name="jugdir"/>.</summary>
    /// <param name="jugdir">The value of <c>--jugdir</c>.</param>
    /// <param name="jugfileName">The jugfile's name without extension; needed only if the template uses it.</param>
    /// <param name="today">The date for <c>%(date)s</c>.</param>
    /// <exception cref="ArgumentException">An unknown placeholder.</exception>
    public static string Expand(string jugdir, string? jugfileName, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(jugdir);
        return Placeholder().Replace(jugdir, match => match.Groups[1].Value switch
        {
            "jugfile" => jugfileName ?? throw new ArgumentException("--jugdir uses %(jugfile)s but there is no jugfile."),
            "date" => today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            var other => throw new ArgumentException($"--jugdir has an unknown placeholder %({other})s: use %(jugfile)s or %(date)s."),
        });
    }

    [GeneratedRegex(@"%\(([A-Za-z_][A-Za-z0-9_]*)\)s", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
