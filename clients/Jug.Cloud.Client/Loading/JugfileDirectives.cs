namespace Jug.Cloud.Client;

/// <summary>
/// The <c>#:</c> directives at the top of a file-based jugfile (<c>#:package</c>, <c>#:project</c>,
/// <c>#:property</c>, <c>#:sdk</c>). A jugfile with any of them asks for a project setup of its own and
/// is built by <c>dotnet build</c>; one without is compiled in process against the SDK the CLI carries.
/// </summary>
internal static class JugfileDirectives
{
    /// <summary>True if the jugfile at <paramref name="path"/> starts with at least one <c>#:</c> directive.</summary>
    public static bool Any(string path) => Read(path).Any();

    /// <summary>The directives, trimmed, in order: they come before any code, after blank lines, comments and a <c>#!</c> line.</summary>
    public static IEnumerable<string> Read(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                continue;
            }

            if (!trimmed.StartsWith("#:", StringComparison.Ordinal))
            {
                yield break;
            }

            yield return trimmed;
        }
    }
}
