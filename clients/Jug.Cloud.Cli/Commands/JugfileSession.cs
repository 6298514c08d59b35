using System.CommandLine;
using Jug.Cloud.Client;
using Jug.Cloud.Graph;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Azure;
using Jug.Cloud.Stores.File;
using Jug.Cloud.Stores.Memory;
using Jug.Cloud.Stores.Redis;
using Jug.Cloud.Stores.S3;

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
    /// </summary>
    public static async Task<JugfileSession> OpenAsync(ParseResult parse, Argument<string?> jugfile, Argument<string[]>? arguments, CancellationToken cancellationToken)
    {
        var registry = new StoreRegistry().AddFileStore().AddMemoryStore().AddRedisStore().AddS3Store().AddAzureBlobStore();
        var jugdir = parse.GetValue(CommonOptions.Jugdir);
        var store = jugdir is null ? null : registry.Open(jugdir);
        try
        {
            var source = JugfileSource.Locate(parse.GetValue(jugfile));
            store ??= registry.Open(source.DefaultJugdir);
            var graph = await JugfileLoader.LoadAsync(source, arguments is null ? [] : parse.GetValue(arguments) ?? [], cancellationToken);
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
