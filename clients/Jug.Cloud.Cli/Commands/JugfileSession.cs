using System.CommandLine;
using Jug.Cloud.Client;
using Jug.Cloud.Client.Cluster;
using Jug.Cloud.Cluster;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Graph;
using Jug.Cloud.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Jug.Cloud.Cli.Commands;

/// <summary>A loaded jugfile and its open store: what every command starts from.</summary>
internal sealed class JugfileSession : IAsyncDisposable
{
    private readonly IAsyncDisposable? _owner;

    private JugfileSession(JugfileSource? source, LoadedJugfile loaded, IJugStore store, IAsyncDisposable? owner = null)
    {
        Source = source;
        Loaded = loaded;
        Store = store;
        _owner = owner;
    }

    /// <summary>The jugfile; null when the graph is a cluster run's (<c>--cluster</c>).</summary>
    public JugfileSource? Source { get; }

    public LoadedJugfile Loaded { get; }

    public TaskGraph Graph => Loaded.Graph;

    public IJugStore Store { get; }

    /// <summary>
    /// Opens the store named by <c>--jugdir</c> first (so a bad URI is reported even when the jugfile is
    /// missing, and before any build), then locates, builds and loads the jugfile; without
    /// <c>--jugdir</c>, the store is Jug's default <c>&lt;jugfile&gt;.jugdata</c> beside the jugfile.
    /// <c>%(jugfile)s</c> and <c>%(date)s</c> in <c>--jugdir</c> are replaced as Jug does.
    /// Barriers are passed only if the tasks before them are done, unless <paramref name="runner"/>
    /// gives another behaviour (<c>execute</c> runs them); it is made before the jugfile is built.
    /// </summary>
    /// <param name="load">Loads the jugfile instead of <see cref="JugfileLoader"/> (the shell keeps its assembly).</param>
    public static async Task<JugfileSession> OpenAsync(
        ParseResult parse,
        Argument<string?> jugfile,
        Argument<string[]>? arguments,
        CancellationToken cancellationToken,
        Func<IJugStore, JugfileSource, IJugRunner>? runner = null,
        Func<JugfileSource, IReadOnlyList<string>, IJugStore, CancellationToken, Task<TaskGraph>>? load = null)
    {
        var registry = AllStores();
        if (parse.GetValue(CommonOptions.Cluster) is { } cluster)
        {
            if (runner is not null || load is not null)
            {
                throw new ArgumentException($"{parse.CommandResult.Command.Name} works on a jugfile here; --cluster is for submit, silo, status, check, invalidate, cleanup, graph and count.");
            }

            return await OpenClusterRunAsync(parse, cluster, parse.GetValue(CommonOptions.Run), registry, cancellationToken);
        }

        var jugdir = parse.GetValue(CommonOptions.Jugdir);

        // A jugdir naming the jugfile (%(jugfile)s) needs the jugfile located before the store opens.
        var located = jugdir is not null && JugdirTemplate.UsesJugfile(jugdir) ? JugfileSource.Locate(parse.GetValue(jugfile)) : null;
        var store = jugdir is null ? null : registry.Open(JugdirTemplate.Expand(jugdir, located?.Name, DateOnly.FromDateTime(DateTime.Now)));
        try
        {
            var source = located ?? JugfileSource.Locate(parse.GetValue(jugfile));
            store ??= registry.Open(source.DefaultJugdir);
            var args = arguments is null ? [] : parse.GetValue(arguments) ?? [];
            var loaded = load is null
                ? await JugfileLoader.LoadAsync(source, args, runner?.Invoke(store, source) ?? new StoreCheckRunner(store), cancellationToken)
                : new LoadedJugfile(await load(source, args, store, cancellationToken), false, 0, null);
            return new JugfileSession(source, loaded, store);
        }
        catch
        {
            if (store is not null)
            {
                await store.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Opens only the store: <c>--jugdir</c>, or the default <c>&lt;jugfile&gt;.jugdata</c> beside the
    /// located jugfile, which is neither built nor run. For commands that read the store as a whole.
    /// </summary>
    public static IJugStore OpenStore(ParseResult parse, Argument<string?> jugfile)
    {
        var registry = AllStores();
        var jugdir = parse.GetValue(CommonOptions.Jugdir);
        var located = jugdir is null || JugdirTemplate.UsesJugfile(jugdir) ? JugfileSource.Locate(parse.GetValue(jugfile)) : null;
        return jugdir is null
            ? registry.Open(located!.DefaultJugdir)
            : registry.Open(JugdirTemplate.Expand(jugdir, located?.Name, DateOnly.FromDateTime(DateTime.Now)));
    }

    public ValueTask DisposeAsync() => _owner?.DisposeAsync() ?? Store.DisposeAsync();

    /// <summary>The graph of a cluster's run, read back from its store: no jugfile is built or run.</summary>
    private static async Task<JugfileSession> OpenClusterRunAsync(ParseResult parse, string cluster, string? runId, StoreRegistry registry, CancellationToken cancellationToken)
    {
        await using var connection = await CommonOptions.ConnectAsync(parse, cluster, cancellationToken);
        var run = await ClusterRunGraph.FindAsync(connection, runId);
        var cache = Path.Combine(Path.GetTempPath(), $"jugcloud-bundles-{Environment.UserName}");
        var graph = await ClusterRunGraph.LoadAsync(run, uri => registry.Open(uri), cache, cancellationToken);
        return new JugfileSession(null, new LoadedJugfile(graph.Graph, false, 0, null), graph.Store, graph);
    }

    /// <summary>A registry of every store provider jugcloud ships (<see cref="JugCloudStoreProviders"/>).</summary>
    public static StoreRegistry AllStores()
    {
        using var services = new ServiceCollection().AddAllStoreProviders().BuildServiceProvider();
        return services.GetRequiredService<StoreRegistry>();
    }
}
