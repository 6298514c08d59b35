using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Jug.Cloud.Client;

/// <summary>
/// The files a jugfile's build reads: the jugfile (or its project's sources), every project it
/// references with <c>#:project</c> or <c>&lt;ProjectReference&gt;</c>, transitively, and the MSBuild
/// files that apply to them from above (<c>Directory.Build.props</c>, <c>Directory.Packages.props</c>,
/// <c>global.json</c>, <c>NuGet.config</c>). Their names, sizes and times make the build's fingerprint.
/// </summary>
internal static class BuildInputs
{
    /// <summary>Bump when what the fingerprint covers changes, so old caches are not trusted.</summary>
    private const string FormatVersion = "jugcloud-build-2";

    private static readonly string[] SourcePatterns = ["*.cs", "*.csproj", "*.props", "*.targets"];

    private static readonly string[] AncestorFiles =
        ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config", "nuget.config"];

    /// <summary>A hex digest that changes whenever an input of the build is added, removed or modified.</summary>
    public static string Fingerprint(JugfileSource source)
    {
        var text = new StringBuilder(FormatVersion).Append('\n');
        foreach (var file in Collect(source))
        {
            var info = new FileInfo(file);
            text.Append(file).Append('|').Append(info.Length).Append('|').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Every input file, sorted.</summary>
    public static SortedSet<string> Collect(JugfileSource source)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var projects = new Queue<string>();
        var seenProjects = new HashSet<string>(StringComparer.Ordinal);
        if (source.IsProject)
        {
            projects.Enqueue(source.Path);
        }
        else
        {
            files.Add(source.Path);
            AddAncestors(source.Directory, files);
            foreach (var project in ProjectDirectives(source))
            {
                projects.Enqueue(project);
            }
        }

        while (projects.TryDequeue(out var project))
        {
            if (!seenProjects.Add(project) || !File.Exists(project))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(project)!;
            AddSources(directory, files);
            AddAncestors(directory, files);
            foreach (var reference in ProjectReferences(project))
            {
                projects.Enqueue(reference);
            }
        }

        return files;
    }

    /// <summary>The projects named by the jugfile's <c>#:project</c> directives (a path to a .csproj or to its directory).</summary>
    private static IEnumerable<string> ProjectDirectives(JugfileSource source)
    {
        foreach (var trimmed in JugfileDirectives.Read(source.Path))
        {
            if (trimmed.StartsWith("#:project", StringComparison.Ordinal) && trimmed.Length > "#:project".Length && char.IsWhiteSpace(trimmed["#:project".Length]))
            {
                if (ResolveProject(Path.GetFullPath(trimmed["#:project".Length..].Trim(), source.Directory)) is { } project)
                {
                    yield return project;
                }
            }
        }
    }

    private static string? ResolveProject(string path)
    {
        if (File.Exists(path))
        {
            return path;
        }

        return Directory.Exists(path) && Directory.GetFiles(path, "*.csproj") is [var only] ? only : null;
    }

    private static IEnumerable<string> ProjectReferences(string project)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(project);
        }
        catch (System.Xml.XmlException)
        {
            yield break; // dotnet build will report it
        }

        var directory = Path.GetDirectoryName(project)!;
        foreach (var element in document.Descendants().Where(e => e.Name.LocalName == "ProjectReference"))
        {
            var include = element.Attribute("Include")?.Value;
            if (!string.IsNullOrWhiteSpace(include) && !include.Contains("$(", StringComparison.Ordinal)
                && ResolveProject(Path.GetFullPath(include.Replace('\\', Path.DirectorySeparatorChar), directory)) is { } reference)
            {
                yield return reference;
            }
        }
    }

    /// <summary>Source files under <paramref name="directory"/>, skipping build output, caches and jugdirs.</summary>
    private static void AddSources(string directory, SortedSet<string> files)
    {
        foreach (var pattern in SourcePatterns)
        {
            foreach (var file in Directory.EnumerateFiles(directory, pattern))
            {
                files.Add(file);
            }
        }

        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            var name = Path.GetFileName(child);
            if (name is not ("bin" or "obj" or "node_modules") && !name.StartsWith('.') && !name.EndsWith(".jugdata", StringComparison.Ordinal))
            {
                AddSources(child, files);
            }
        }
    }

    /// <summary>MSBuild and NuGet files that apply to <paramref name="directory"/> from it or any directory above.</summary>
    private static void AddAncestors(string directory, SortedSet<string> files)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            foreach (var name in AncestorFiles)
            {
                var path = Path.Combine(current.FullName, name);
                if (File.Exists(path))
                {
                    files.Add(path);
                }
            }
        }
    }
}
