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
    /// <c>%(jugfile)s</c> and <c>%(date)s</c> in <c>--jugdir</c> are replaced as Jug does.
    /// Barriers are passed only if the tasks before them are done, unless <paramref name="runner"/>
    /// gives another behaviour (<c>execute</c> runs them).
    /// </summary>
    /// <param name="load">Loads the jugfile instead of <see cref="JugfileLoader"/> (the shell keeps its assembly).</param>
    public static async Task<JugfileSession> OpenAsync(
        ParseResult parse,
        Argument<string?> jugfile,
        Argument<string[]>? arguments,
        CancellationToken cancellationToken,
        Func<IJugStore, IJugRunner>? runner = null,
        Func<JugfileSource, IReadOnlyList<string>, IJugStore, CancellationToken, Task<TaskGraph>>? load = null)
    {
        var registry = AllStores();
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
                ? await JugfileLoader.LoadAsync(source, args, runner?.Invoke(store) ?? new StoreCheckRunner(store), cancellationToken)
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

    public ValueTask DisposeAsync() => Store.DisposeAsync();

    /// <summary>A registry of every store provider jugcloud ships.</summary>
    public static StoreRegistry AllStores() =>
        new StoreRegistry().AddFileStore().AddMemoryStore().AddRedisStore().AddS3Store().AddAzureBlobStore();
}
