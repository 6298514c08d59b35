using System.Text.Json;

namespace Jug.Cloud.Cli.Configuration;

/// <summary>One configured value: a JSON value from a file, or text from an environment variable.</summary>
/// <param name="Key">The key as written.</param>
/// <param name="Json">The value from a JSON file, or null.</param>
/// <param name="Text">The value of an environment variable, or null.</param>
/// <param name="Source">Where it came from: a file path or a variable name.</param>
internal sealed record ConfigEntry(string Key, JsonElement? Json, string? Text, string Source)
{
    /// <summary>The value as a user would write it, for messages and <c>jugcloud config</c>.</summary>
    public string Display => Text ?? Json?.GetRawText() ?? "";
}
