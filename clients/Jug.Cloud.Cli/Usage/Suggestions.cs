namespace Jug.Cloud.Cli.Usage;

/// <summary>The closest known name to a mistyped one, by edit distance (System.CommandLine keeps its own typo correction internal).</summary>
internal static class Suggestions
{
    /// <summary>
    /// The candidate nearest to <paramref name="typed"/>, or null when none is near enough to be a typo:
    /// at most a third of the typed name's letters (at least one, never more than three) differ,
    /// dashes counted, so <c>-jobs</c> finds <c>--jobs</c> but <c>--x</c> does not find <c>-h</c>.
    /// </summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        var bare = typed.TrimStart('-');
        var limit = Math.Clamp(bare.Length / 3, 1, 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(typed, candidate);
            if (distance <= limit && distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance, case-insensitive (one row at a time).</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
