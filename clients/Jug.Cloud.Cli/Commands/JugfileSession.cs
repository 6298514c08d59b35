using System.CommandLine;
using Jug.Cloud.Client;
using Jug.Cloud.Graph;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;
using Jug.Cloud.Stores.Memory;

namespace Jug.Cloud.Cli.Commands;

/// <summary>A loaded jugfile and its open store: what every command starts from.</summary>
internal sealed class JugfileSession : IAsyncDisposable
{
    private JugfileSession(JugfileSource source, TaskGraph graph, IJugStore store)
    {
        Source = source;
        Graph = graph;
        Store = store;
    }

    public JugfileSource Source { get; }

    public TaskGraph Graph { get; }

    public IJugStore Store { get; }

    /// <summary>Opens the store (so a bad URI fails before any build), then locates, builds and loads the jugfile.</summary>
    public static async Task<JugfileSession> OpenAsync(ParseResult parse, Argument<string?> jugfile, Argument<string[]>? arguments, CancellationToken cancellationToken)
    {
        var source = JugfileSource.Locate(parse.GetValue(jugfile));
        var registry = new StoreRegistry().AddFileStore().AddMemoryStore();
        var store = registry.Open(parse.GetValue(CommonOptions.Jugdir) ?? source.DefaultJugdir);
        try
        {
            var graph = await JugfileLoader.LoadAsync(source, arguments is null ? [] : parse.GetValue(arguments) ?? [], cancellationToken);
            return new JugfileSession(source, graph, store);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
