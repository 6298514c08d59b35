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

    /// <summary>
    /// Opens the store named by <c>--jugdir</c> first (so a bad URI is reported even when the jugfile is
    /// missing, and before any build), then locates, builds and loads the jugfile; without
    /// <c>--jugdir</c>, the store is Jug's default <c>&lt;jugfile&gt;.jugdata</c> beside the jugfile.
    /// <c>%(jugfile)s</c> and <c>%(date)s</c> in <c>--jugdir</c> are replaced as Jug does.
    /// </summary>
    /// <param name="load">Loads the jugfile instead of <see cref="JugfileLoader"/> (the shell keeps its assembly).</param>
    public static async Task<JugfileSession> OpenAsync(
        ParseResult parse,
        Argument<string?> jugfile,
        Argument<string[]>? arguments,
        CancellationToken cancellationToken,
        Func<JugfileSource, IReadOnlyList<string>, CancellationToken, Task<TaskGraph>>? load = null)
    {
        var registry = new StoreRegistry().AddFileStore().AddMemoryStore();
        var jugdir = parse.GetValue(CommonOptions.Jugdir);

        // A jugdir naming the jugfile (%(jugfile)s) needs the jugfile located before the store opens.
        var located = jugdir is not null && JugdirTemplate.UsesJugfile(jugdir) ? JugfileSource.Locate(parse.GetValue(jugfile)) : null;
        var store = jugdir is null ? null : registry.Open(JugdirTemplate.Expand(jugdir, located?.Name, DateOnly.FromDateTime(DateTime.Now)));
        try
        {
            var source = located ?? JugfileSource.Locate(parse.GetValue(jugfile));
            store ??= registry.Open(source.DefaultJugdir);
            var graph = await (load ?? JugfileLoader.LoadAsync)(source, arguments is null ? [] : parse.GetValue(arguments) ?? [], cancellationToken);
            return new JugfileSession(source, graph, store);
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

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
