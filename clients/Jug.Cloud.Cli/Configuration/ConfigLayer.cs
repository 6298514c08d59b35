using System.Text.Json;

namespace Jug.Cloud.Cli.Configuration;

/// <summary>
/// The values of one source (a file or the environment). A file is a JSON object: each key is an
/// option's long name; an object under a command's name (<c>"execute": { "jobs": 4 }</c>) applies to
/// that command only.
/// </summary>
internal sealed class ConfigLayer
{
    private ConfigLayer(string source, Dictionary<string, ConfigEntry> values, Dictionary<string, Dictionary<string, ConfigEntry>> sections)
    {
        Source = source;
        Values = values;
        Sections = sections;
    }

    /// <summary>A file path, or <c>environment</c>.</summary>
    public string Source { get; }

    /// <summary>Values for every command, by normalized key.</summary>
    public IReadOnlyDictionary<string, ConfigEntry> Values { get; }

    /// <summary>Values for one command (by normalized command name), by normalized key.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, ConfigEntry>> Sections { get; }

    /// <summary>The values for <paramref name="command"/>: its own section first, then the shared values.</summary>
    public ConfigEntry? Find(string command, string key)
    {
        var normalized = ConfigKey.Normalize(key);
        return Sections.TryGetValue(ConfigKey.Normalize(command), out var section) && section.TryGetValue(normalized, out var own)
            ? own
            : Values.GetValueOrDefault(normalized);
    }

    /// <summary>Every entry, shared and per command.</summary>
    public IEnumerable<ConfigEntry> Entries => Values.Values.Concat(Sections.Values.SelectMany(s => s.Values));

    /// <summary>
    /// Reads a JSON configuration file. <paramref name="commands"/> are the command names whose object
    /// values are sections; comments and trailing commas are allowed, as people write them.
    /// </summary>
    public static ConfigLayer FromFile(string path, IReadOnlySet<string> commands)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"{path} is not valid JSON: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        catch (IOException e)
        {
            throw new ConfigurationException($"{path} cannot be read: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigurationException($"{path} must hold a JSON object of option names and values.");
            }

            var values = new Dictionary<string, ConfigEntry>();
            var sections = new Dictionary<string, Dictionary<string, ConfigEntry>>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var normalized = ConfigKey.Normalize(property.Name);
                if (property.Value.ValueKind == JsonValueKind.Object && commands.Contains(normalized))
                {
                    sections[normalized] = property.Value.EnumerateObject().ToDictionary(
                        p => ConfigKey.Normalize(p.Name),
                        p => new ConfigEntry($"{property.Name}.{p.Name}", p.Value.Clone(), null, path));
                }
                else
                {
                    values[normalized] = new ConfigEntry(property.Name, property.Value.Clone(), null, path);
                }
            }

            return new ConfigLayer(path, values, sections);
        }
    }

    /// <summary>The <c>JUGCLOUD_*</c> variables: <c>JUGCLOUD_KEEP_GOING=true</c> sets <c>keep-going</c>.</summary>
    public static ConfigLayer FromEnvironment(IReadOnlyDictionary<string, string> variables)
    {
        var values = new Dictionary<string, ConfigEntry>();
        foreach (var (name, value) in variables)
        {
            if (name.StartsWith(ConfigKey.EnvironmentPrefix, StringComparison.Ordinal) && name.Length > ConfigKey.EnvironmentPrefix.Length)
            {
                var key = name[ConfigKey.EnvironmentPrefix.Length..].ToLowerInvariant().Replace('_', '-');
                values[ConfigKey.Normalize(key)] = new ConfigEntry(key, null, value, name);
            }
        }

        return new ConfigLayer("environment", values, []);
    }
}
