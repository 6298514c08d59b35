namespace Jug.Cloud.Cli.Configuration;

/// <summary>
/// Configuration keys are Jug's option names (<c>keep-going</c>); <c>keep_going</c>, <c>keepGoing</c>
/// and <c>KEEP_GOING</c> mean the same, so keys are compared without case, dashes or underscores.
/// </summary>
internal static class ConfigKey
{
    public static string Normalize(string key) =>
        string.Concat(key.TrimStart('-').Where(c => c is not ('-' or '_'))).ToLowerInvariant();

    /// <summary>The key an option or argument is configured by: its long name without dashes (<c>keep-going</c>).</summary>
    public static string Of(System.CommandLine.Symbol symbol) => symbol.Name.TrimStart('-');

    /// <summary>The environment variable for a key: <c>JUGCLOUD_KEEP_GOING</c>.</summary>
    public static string VariableOf(string key) => EnvironmentPrefix + key.Replace('-', '_').ToUpperInvariant();

    public const string EnvironmentPrefix = "JUGCLOUD_";
}
