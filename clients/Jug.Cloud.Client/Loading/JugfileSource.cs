namespace Jug.Cloud.Client;

/// <summary>
/// What <c>jugcloud</c> was pointed at: a file-based app (<c>jugfile.cs</c>), a <c>.csproj</c>, or a
/// directory holding one of them; and where its build and its default jugdir go.
/// </summary>
public sealed class JugfileSource
{
    private JugfileSource(string path, bool isProject)
    {
        Path = path;
        IsProject = isProject;
    }

    /// <summary>The absolute path of the <c>.cs</c> or <c>.csproj</c>.</summary>
    public string Path { get; }

    /// <summary>True for a <c>.csproj</c>, false for a file-based app.</summary>
    public bool IsProject { get; }

    /// <summary>The file name without extension (<c>jugfile</c>).</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The directory holding it.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>Jug's default jugdir: <c>&lt;name&gt;.jugdata</c> beside the jugfile.</summary>
    public string DefaultJugdir => System.IO.Path.Combine(Directory, Name + ".jugdata");

    /// <summary>Where its build is cached.</summary>
    public string BuildDirectory => System.IO.Path.Combine(Directory, ".jugcloud-build", Name);

    /// <summary>Finds the jugfile for <paramref name="argument"/> (null: <c>jugfile.cs</c> in the current directory).</summary>
    /// <exception cref="JugfileException">Nothing usable is there.</exception>
    public static JugfileSource Locate(string? argument)
    {
        var path = System.IO.Path.GetFullPath(argument ?? "jugfile.cs");
        if (System.IO.Directory.Exists(path))
        {
            var projects = System.IO.Directory.GetFiles(path, "*.csproj");
            if (projects.Length == 1)
            {
                return new JugfileSource(projects[0], isProject: true);
            }

            var jugfile = System.IO.Path.Combine(path, "jugfile.cs");
            if (File.Exists(jugfile))
            {
                return new JugfileSource(jugfile, isProject: false);
            }

            throw new JugfileException($"No jugfile in '{path}': expected jugfile.cs or exactly one .csproj.");
        }

        if (!File.Exists(path))
        {
            throw new JugfileException($"Jugfile '{argument ?? "jugfile.cs"}' not found.");
        }

        return path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
            ? new JugfileSource(path, isProject: true)
            : path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)
                ? new JugfileSource(path, isProject: false)
                : throw new JugfileException($"'{argument}' is neither a .cs jugfile nor a .csproj.");
    }
}
