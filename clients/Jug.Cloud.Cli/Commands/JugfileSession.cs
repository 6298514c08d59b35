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
    private JugfileSession(JugfileSource source, LoadedJugfile loaded, IJugStore store)
    {
        Source = source;
        Loaded = loaded;
        Store = store;
    }

    public JugfileSource Source { get; }

    public LoadedJugfile Loaded { get; }

    public TaskGraph Graph => Loaded.Graph;

    public IJugStore Store { get; }

    /// <summary>
    /// Opens the store named by <c>--jugdir</c> first (so a bad URI is reported even when the jugfile is
    /// missing, and before any build), then locates, builds and loads the jugfile; without
    /// <c>--jugdir</c>, the store is Jug's default <c>&lt;jugfile&gt;.jugdata</c> beside the jugfile.
    /// Barriers are passed only if the tasks before them are done, unless <paramref name="runner"/>
    /// gives another behaviour (<c>execute</c> runs them).
    /// </summary>
    public static async Task<JugfileSession> OpenAsync(
        ParseResult parse,
        Argument<string?> jugfile,
        Argument<string[]>? arguments,
        CancellationToken cancellationToken,
        Func<IJugStore, IJugRunner>? runner = null)
    {
        var registry = new StoreRegistry().AddFileStore().AddMemoryStore();
        var jugdir = parse.GetValue(CommonOptions.Jugdir);
        var store = jugdir is null ? null : registry.Open(jugdir);
        try
        {
            var source = JugfileSource.Locate(parse.GetValue(jugfile));
            store ??= registry.Open(source.DefaultJugdir);
            var loaded = await JugfileLoader.LoadAsync(
                source,
                arguments is null ? [] : parse.GetValue(arguments) ?? [],
                runner?.Invoke(store) ?? new StoreCheckRunner(store),
                cancellationToken);
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

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
