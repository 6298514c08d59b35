using Jug.Cloud.Bench.Stores;
using Jug.Cloud.Client;

namespace Jug.Cloud.Bench;

/// <summary>
/// What the scenarios of one run share: the settings, a temporary directory (removed at the end), clean
/// stores, and finished graphs that later scenarios build on (the re-run and status scenarios read the
/// jugdir the durable fan-in left).
/// </summary>
internal sealed class BenchContext : IAsyncDisposable
{
    private readonly Dictionary<string, FinishedGraph> _finished = new(StringComparer.Ordinal);

    public BenchContext(BenchSettings settings)
    {
        Settings = settings;
        var parent = settings.WorkDirectory ?? Path.GetTempPath();
        TemporaryRoot = Path.Combine(Path.GetFullPath(parent), $"jugcloud-bench-{Guid.NewGuid():n}");
        Directory.CreateDirectory(TemporaryRoot);
        Stores = new BenchStores(settings.Store, TemporaryRoot);
    }

    public BenchSettings Settings { get; }

    /// <summary>This run's temporary directory.</summary>
    public string TemporaryRoot { get; }

    public BenchStores Stores { get; }

    /// <summary>Engine options for a scenario: <c>-j</c> from the settings, everything else as <c>jugcloud execute</c>.</summary>
    public ExecuteOptions Execute => new() { Jobs = Settings.Jobs };

    /// <summary>A finished graph kept under <paramref name="key"/>, or null.</summary>
    public FinishedGraph? Finished(string key) => _finished.GetValueOrDefault(key);

    /// <summary>Lets go of the finished graph kept under <paramref name="key"/>, if any (a scenario measuring memory starts without it).</summary>
    public async Task ForgetAsync(string key)
    {
        if (_finished.Remove(key, out var earlier))
        {
            await earlier.Store.DisposeAsync();
        }
    }

    /// <summary>Keeps <paramref name="graph"/> for later scenarios, replacing (and removing) an earlier one.</summary>
    public async Task KeepAsync(string key, FinishedGraph graph)
    {
        if (_finished.Remove(key, out var earlier) && !ReferenceEquals(earlier.Store, graph.Store))
        {
            await earlier.Store.DisposeAsync();
        }

        _finished[key] = graph;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var graph in _finished.Values)
        {
            await graph.Store.DisposeAsync();
        }

        _finished.Clear();
        if (Directory.Exists(TemporaryRoot))
        {
            Directory.Delete(TemporaryRoot, recursive: true);
        }
    }
}

/// <summary>A graph whose every result is in <see cref="Store"/>.</summary>
/// <param name="Store">The store holding the results.</param>
/// <param name="Tasks">How many tasks the graph has.</param>
/// <param name="Build">Builds the same graph again (as a jugfile does on every command).</param>
internal sealed record FinishedGraph(BenchStore Store, int Tasks, Func<Graph.TaskGraph> Build);
