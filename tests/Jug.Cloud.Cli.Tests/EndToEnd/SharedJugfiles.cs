using System.Collections.Concurrent;

namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary>
/// Jugfiles several tests use, written once to one place so that <c>jugcloud</c> builds each of them
/// once (its build cache is per jugfile path); each test passes its own <c>--jugdir</c>.
/// </summary>
public sealed class SharedJugfiles : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("jugcloud-shared-");
    private readonly ConcurrentDictionary<string, string> _paths = new(StringComparer.Ordinal);

    /// <summary>The path of <see cref="Jugfiles.Pipeline"/>.</summary>
    public string Pipeline => _paths.GetOrAdd(nameof(Pipeline), name => Jugfiles.Write(Path.Combine(_root.FullName, name), Jugfiles.Pipeline, "pipeline.cs"));

    public void Dispose() => _root.Delete(recursive: true);
}

/// <summary>
/// The end-to-end tests run one at a time: jugfile builds share the SDK's intermediate files, and
/// each test's execute already uses every core.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<SharedJugfiles>
{
    public const string Name = "cli";
}
