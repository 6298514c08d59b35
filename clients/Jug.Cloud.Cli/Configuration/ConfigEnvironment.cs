using System.Collections;

namespace Jug.Cloud.Cli.Configuration;

/// <summary>What the configuration is read from: the current directory, the user's directories, the environment.</summary>
/// <param name="CurrentDirectory">Where the search for <c>.jugcloud.json</c> starts.</param>
/// <param name="Variables">The environment variables.</param>
internal sealed record ConfigEnvironment(string CurrentDirectory, IReadOnlyDictionary<string, string> Variables)
{
    /// <summary>This process's.</summary>
    public static ConfigEnvironment Current => new(
        Directory.GetCurrentDirectory(),
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? ""));

    /// <summary>
    /// <c>$XDG_CONFIG_HOME/jugcloud/config.json</c>, or <c>~/.config/jugcloud/config.json</c> when
    /// XDG_CONFIG_HOME is unset or not absolute (as the XDG specification says); null without a home.
    /// </summary>
    public string? UserFile
    {
        get
        {
            var xdg = Variables.GetValueOrDefault("XDG_CONFIG_HOME");
            var home = Variables.GetValueOrDefault("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg) ? xdg
                : string.IsNullOrEmpty(home) ? null
                : Path.Combine(home, ".config");
            return root is null ? null : Path.Combine(root, "jugcloud", "config.json");
        }
    }

    /// <summary>
    /// The nearest <c>.jugcloud.json</c> from the current directory upward, stopping at the first
    /// directory that holds <c>.git</c> (the repository root, included) or at the file system root.
    /// </summary>
    public string? ProjectFile
    {
        get
        {
            for (var directory = new DirectoryInfo(CurrentDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, ".jugcloud.json");
                if (File.Exists(candidate))
                {
                    return candidate;
                }

                // .git is a directory in a clone and a file in a worktree or submodule.
                var git = Path.Combine(directory.FullName, ".git");
                if (Directory.Exists(git) || File.Exists(git))
                {
                    return null;
                }
            }

            return null;
        }
    }
}
