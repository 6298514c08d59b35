namespace Jug.Cloud.Cli.Configuration;

/// <summary>
/// Option defaults from configuration, lowest priority first: the user's <c>config.json</c>, the
/// project's <c>.jugcloud.json</c>, then <c>JUGCLOUD_*</c> variables. Flags on the command line beat
/// them all (the values here only become options' defaults).
/// </summary>
internal sealed class JugConfiguration
{
    private JugConfiguration(IReadOnlyList<ConfigLayer> layers, IReadOnlyList<(string Path, bool Found)> files)
    {
        Layers = layers;
        Files = files;
    }

    /// <summary>The layers read, lowest priority first.</summary>
    public IReadOnlyList<ConfigLayer> Layers { get; }

    /// <summary>The files looked for, lowest priority first, and whether each was there.</summary>
    public IReadOnlyList<(string Path, bool Found)> Files { get; }

    /// <summary>An empty configuration.</summary>
    public static JugConfiguration Empty { get; } = new([], []);

    /// <summary>Reads every source; <paramref name="commands"/> are the command names a file may have sections for.</summary>
    /// <exception cref="ConfigurationException">A file is not valid JSON or not an object.</exception>
    public static JugConfiguration Load(ConfigEnvironment environment, IEnumerable<string> commands)
    {
        var commandKeys = commands.Select(ConfigKey.Normalize).ToHashSet();
        var layers = new List<ConfigLayer>();
        var files = new List<(string, bool)>();
        foreach (var path in new[] { environment.UserFile, environment.ProjectFile })
        {
            if (path is null)
            {
                continue;
            }

            var found = File.Exists(path);
            files.Add((path, found));
            if (found)
            {
                layers.Add(ConfigLayer.FromFile(path, commandKeys));
            }
        }

        layers.Add(ConfigLayer.FromEnvironment(environment.Variables));
        return new JugConfiguration(layers, files);
    }

    /// <summary>The value with the highest priority for <paramref name="key"/> in <paramref name="command"/>, or null.</summary>
    public ConfigEntry? Find(string command, string key)
    {
        for (var i = Layers.Count - 1; i >= 0; i--)
        {
            if (Layers[i].Find(command, key) is { } entry)
            {
                return entry;
            }
        }

        return null;
    }
}
