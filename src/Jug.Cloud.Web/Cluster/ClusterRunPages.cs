using Jug.Cloud.Client.Cluster;
using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Storage;
using Jug.Cloud.Web.Sources;

namespace Jug.Cloud.Web.Cluster;

/// <summary>
/// The task-level pages of one cluster run: its graph read back from its store
/// (<see cref="ClusterRunGraph"/>) under a <see cref="JugdirStatusSource"/>, which reads results,
/// failures, claims and the run log as it does for a jugdir. The last run asked for is kept loaded;
/// asking for another loads that one and lets the previous go.
/// </summary>
internal sealed class ClusterRunPages(Func<string, IJugStore> openStore, string cacheDirectory) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Loaded? _loaded;

    /// <summary>The pages of <paramref name="run"/>, loading its graph unless it is the one loaded.</summary>
    public async Task<JugdirStatusSource> ForAsync(RunDescriptor run, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_loaded is { } loaded && loaded.Graph.Run.PackageId == run.PackageId && loaded.Graph.Run.Jugdir == run.Jugdir)
            {
                return loaded.Source;
            }

            var graph = await ClusterRunGraph.LoadAsync(run, openStore, cacheDirectory, cancellationToken);
            var previous = _loaded;
            _loaded = new Loaded(graph, new JugdirStatusSource(graph.Graph, graph.Store, run.Name));
            if (previous is not null)
            {
                await previous.DisposeAsync();
            }

            return _loaded.Source;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_loaded is { } loaded)
        {
            await loaded.DisposeAsync();
        }

        _gate.Dispose();
    }

    private sealed record Loaded(ClusterRunGraph Graph, JugdirStatusSource Source) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Source.Dispose();
            await Graph.DisposeAsync();
        }
    }
}
